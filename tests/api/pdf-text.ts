import { inflateSync } from "node:zlib";

/** The text a PDF draws with its standard fonts: hex strings shown by `Tj`, in WinAnsi. */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString("latin1");
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((match) => {
    const data = Buffer.from(match[1] ?? "", "latin1");
    try {
      return inflateSync(data).toString("latin1");
    } catch {
      return data.toString("latin1");
    }
  });
  return streams
    .flatMap((stream) => [...stream.matchAll(/<([0-9A-Fa-f]+)> Tj/g)])
    .map((match) => Buffer.from(match[1] ?? "", "hex").toString("latin1"))
    .join("\n");
}
