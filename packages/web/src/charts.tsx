/**
 * Server-rendered SVG charts: no script, no external asset, colours as SVG attributes (the
 * content security policy forbids inline styles). Every chart prints its numbers beside the bars,
 * carries a text alternative (`role="img"` named by its title and a description listing every
 * value) and is followed by the same numbers as a table, for whoever reads tables more easily.
 *
 * Charts take the page's language for the words they add themselves (headers, the caption of the
 * table, separators); the caller gives the labels already in that language.
 */

import { type Lang, t } from "./i18n";

export type Bar = { label: string; value: number; display?: string };

const primary = "#000091";
const secondary = "#6a6af4";
const textColour = "#161616";
const rowHeight = 34;
// Wide enough for the longest theme label ("Données et nouveaux modèles d'affaires") at 13 px.
const labelWidth = 300;
const barArea = 330;
const valueWidth = 90;
const width = labelWidth + barArea + valueWidth;

const scale = (value: number, max: number) => (max <= 0 ? 0 : Math.max(0, (value / max) * barArea));

function shown(bar: Bar) {
  return bar.display ?? String(bar.value);
}

/** French puts a no-break space before a colon or a semicolon; English does not. */
const colon = (lang: Lang) => (lang === "en" ? ":" : "\u00a0:");
const semicolon = (lang: Lang) => (lang === "en" ? "; " : "\u00a0; ");
const figuresCaption = (title: string, lang: Lang) =>
  `${title}${colon(lang)} ${t(lang, { fr: "les chiffres", en: "the figures" })}`;

/** Horizontal bars, one per item, with the value written at the end of each bar. */
export function BarChart(props: {
  id: string;
  title: string;
  bars: Bar[];
  /** The value of a full bar (e.g. the first step of a funnel, or 4 for a level). */
  max?: number;
  caption?: string;
  valueHeader?: string;
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  const { id, title, bars, caption } = props;
  const valueHeader = props.valueHeader ?? t(lang, { fr: "Valeur", en: "Value" });
  const max = props.max ?? Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * rowHeight + 8;
  const description = bars
    .map((bar) => `${bar.label}${colon(lang)} ${shown(bar)}`)
    .join(semicolon(lang));
  return (
    <figure class="chart" aria-labelledby={`${id}-legende`}>
      <figcaption id={`${id}-legende`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-titre`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, index) => {
          const y = index * rowHeight + 4;
          const length = scale(bar.value, max);
          return (
            <g>
              <text
                x={labelWidth - 8}
                y={y + 20}
                text-anchor="end"
                font-size="14"
                fill={textColour}
              >
                {bar.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 4}
                width={length}
                height={rowHeight - 10}
                fill={primary}
              />
              <text
                x={labelWidth + length + 6}
                y={y + 20}
                font-size="14"
                font-weight="bold"
                fill={textColour}
              >
                {shown(bar)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        lang={lang}
        caption={caption ?? figuresCaption(title, lang)}
        headers={["", valueHeader]}
        rows={bars.map((bar) => [bar.label, shown(bar)])}
      />
    </figure>
  );
}

export type PairedBar = {
  label: string;
  before: number | null;
  after: number | null;
  format: (value: number | null) => string;
  note?: string;
};

/** Two bars per item (before, after), each with its value, and a legend in words. */
export function BeforeAfterChart(props: {
  id: string;
  title: string;
  items: PairedBar[];
  max: number;
  beforeLabel: string;
  afterLabel: string;
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  const { id, title, items, max, beforeLabel, afterLabel } = props;
  const groupHeight = rowHeight * 2 + 6;
  const legendHeight = 28;
  const height = items.length * groupHeight + legendHeight + 8;
  const description = items
    .map(
      (item) =>
        `${item.label}${colon(lang)} ${beforeLabel.toLowerCase()} ${item.format(item.before)}, ${afterLabel.toLowerCase()} ${item.format(item.after)}${item.note ? ` (${item.note})` : ""}`,
    )
    .join(semicolon(lang));
  return (
    <figure class="chart" aria-labelledby={`${id}-legende`}>
      <figcaption id={`${id}-legende`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-titre`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <rect x={labelWidth} y={6} width={14} height={14} fill={secondary} />
        <text x={labelWidth + 20} y={18} font-size="13" fill={textColour}>
          {beforeLabel}
        </text>
        <rect x={labelWidth + 130} y={6} width={14} height={14} fill={primary} />
        <text x={labelWidth + 150} y={18} font-size="13" fill={textColour}>
          {afterLabel}
        </text>
        {items.map((item, index) => {
          const y = legendHeight + index * groupHeight;
          const bars = [
            { value: item.before, colour: secondary, name: beforeLabel },
            { value: item.after, colour: primary, name: afterLabel },
          ];
          return (
            <g>
              <text
                x={labelWidth - 8}
                y={y + rowHeight}
                text-anchor="end"
                font-size="14"
                fill={textColour}
              >
                {item.label}
              </text>
              {bars.map((bar, k) => {
                const length = scale(bar.value ?? 0, max);
                const top = y + k * rowHeight;
                return (
                  <g>
                    <rect
                      x={labelWidth}
                      y={top + 4}
                      width={length}
                      height={rowHeight - 10}
                      fill={bar.colour}
                    />
                    <text
                      x={labelWidth + length + 6}
                      y={top + 20}
                      font-size="14"
                      font-weight="bold"
                      fill={textColour}
                    >
                      {`${bar.name} ${item.format(bar.value)}`}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <DataTable
        lang={lang}
        caption={figuresCaption(title, lang)}
        headers={[
          t(lang, { fr: "Thème", en: "Theme" }),
          beforeLabel,
          afterLabel,
          t(lang, { fr: "Binômes", en: "Pairs" }),
        ]}
        rows={items.map((item) => [
          item.label,
          item.format(item.before),
          item.format(item.after),
          item.note ?? "",
        ])}
      />
    </figure>
  );
}

/** The chart's numbers as a table: caption, column headers and row headers with their scope. */
export function DataTable(props: {
  caption: string;
  headers: string[];
  rows: string[][];
  lang?: Lang;
}) {
  const firstHeader = t(props.lang ?? "fr", { fr: "Élément", en: "Item" });
  return (
    <div class="table-scroll">
      <table class="grid">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.headers.map((header, index) => (
              <th scope="col">{header || (index === 0 ? firstHeader : "")}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([first, ...rest]) => (
            <tr>
              <th scope="row">{first}</th>
              {rest.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
