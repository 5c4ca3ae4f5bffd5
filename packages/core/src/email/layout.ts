import { env } from "../env";
import { programme } from "../programme";
import { frenchSpacing } from "../words";

/**
 * Every email is French first, with the English version below. A message is written once as
 * paragraphs and links; this turns it into the text and HTML parts.
 */
export type Paragraph = string | { link: string; label: string };

export type Bilingual = {
  subject: string;
  fr: Paragraph[];
  en: Paragraph[];
  /**
   * Where a reply goes: the other participant, in every email that asks the pair to agree on
   * something (the text gives the address too), so that a reply reaches them, not the programme.
   */
  replyTo?: string;
  /** A participant's own page, linked from every email of their pair (see pair/own-page.ts). */
  ownPage?: OwnPageLink;
};

/** The address of a participant's own page, in each language. */
export type OwnPageLink = { fr: string; en: string };

const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

/**
 * A link in the text part: "Libellé : lien" in French (a no-break space before the colon),
 * "Label: link" in English.
 */
const asText = (paragraph: Paragraph, lang: "fr" | "en" = "fr") =>
  typeof paragraph === "string"
    ? paragraph
    : `${paragraph.label}${lang === "fr" ? "\u00a0:" : ":"} ${paragraph.link}`;

/**
 * French spacing (see `frenchSpacing`) on the French text only: the paragraphs and the links'
 * labels, never a link's address, never the English part.
 */
const spaced = (paragraph: Paragraph): Paragraph =>
  typeof paragraph === "string"
    ? frenchSpacing(paragraph)
    : { ...paragraph, label: frenchSpacing(paragraph.label) };

const asHtml = (paragraph: Paragraph) =>
  typeof paragraph === "string"
    ? `<p>${escapeHtml(paragraph)}</p>`
    : `<p><a href="${escapeHtml(paragraph.link)}">${escapeHtml(paragraph.label)}</a></p>`;

/** The footer of every email: where a person sees, corrects or erases their data. */
const dataRights = (): { fr: Paragraph; en: Paragraph }[] => {
  const base = env.appUrlIfKnown;
  if (!base) return [];
  return [
    {
      fr: {
        link: `${base}/mes-donnees`,
        label: "Vos données personnelles (consulter, corriger, effacer)",
      },
      en: {
        link: `${base}/mes-donnees?lang=en`,
        label: "Your personal data (see, correct, erase)",
      },
    },
  ];
};

/** The line that leads a participant to their own page: their pair, meetings, actions. */
const ownPageLine = (page: OwnPageLink): { fr: Paragraph; en: Paragraph } => ({
  fr: { link: page.fr, label: "Mon binôme : rendez-vous, objectifs, demander de l'aide" },
  en: { link: page.en, label: "My pair: meetings, goals, ask for help" },
});

/**
 * The text and HTML parts of a message. The French paragraphs get French spacing here, once for
 * every email, so a message is written with plain spaces. The subject gets it too: an English
 * subject never has a space before « : ; ? ! », so the rule leaves it as it is.
 */
export function render(message: Bilingual): { subject: string; text: string; html: string } {
  const signature = `L'équipe d'animation ${programme.name} — ${programme.contactEmail}`;
  const footer = [...(message.ownPage ? [ownPageLine(message.ownPage)] : []), ...dataRights()].map(
    (line) => ({ fr: spaced(line.fr), en: line.en }),
  );
  const fr = message.fr.map(spaced);
  const subject = frenchSpacing(message.subject);
  const text = [
    ...fr.map((paragraph) => asText(paragraph)),
    signature,
    ...footer.map((line) => asText(line.fr)),
    "",
    "— English version —",
    ...message.en.map((paragraph) => asText(paragraph, "en")),
    `The ${programme.name} programme team — ${programme.contactEmail}`,
    ...footer.map((line) => asText(line.en, "en")),
  ].join("\n\n");
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;color:#161616;max-width:40rem">
<div style="border-top:4px solid ${programme.colours.primary};padding-top:8px">
${fr.map(asHtml).join("\n")}
<p>${escapeHtml(signature)}</p>
${footer.map((line) => asHtml(line.fr)).join("\n")}
</div>
<hr>
<div lang="en">
${message.en.map(asHtml).join("\n")}
<p>The ${escapeHtml(programme.name)} programme team — ${escapeHtml(programme.contactEmail)}</p>
${footer.map((line) => asHtml(line.en)).join("\n")}
</div>
</body></html>`;
  return { subject, text, html };
}
