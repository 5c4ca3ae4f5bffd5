import { programme } from "#core/programme";

/**
 * Colour arithmetic for WCAG contrast. The programme picks its colours in configuration; the site
 * never trusts them blindly: text drawn on the primary colour is white or near-black, whichever
 * reads better, and a primary colour too pale for links falls back to a dark default.
 */
const hexPattern = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

function rgb(hex: string): [number, number, number] {
  const match = hexPattern.exec(hex.trim());
  if (!match?.[1]) throw new Error(`Not a hexadecimal colour: ${hex}`);
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join("") : match[1];
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** Relative luminance as WCAG 2.1 defines it. */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or near-black, whichever has the higher contrast on `background`. */
export function readableTextOn(background: string): string {
  return contrastRatio("#ffffff", background) >= contrastRatio("#161616", background)
    ? "#ffffff"
    : "#161616";
}

/** Mixes `hex` towards black by `amount` (0–1): hover and pressed states of the primary colour. */
export function darken(hex: string, amount: number): string {
  return `#${rgb(hex)
    .map((channel) =>
      Math.round(channel * (1 - amount))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The palette the stylesheet uses, derived from configuration and checked for contrast. */
export function palette(colours: { primary: string; accent: string } = programme.colours) {
  const fallback = "#000091";
  const primary =
    hexPattern.test(colours.primary) && contrastRatio(colours.primary, "#ffffff") >= 4.5
      ? colours.primary
      : fallback;
  const accent = hexPattern.test(colours.accent) ? colours.accent : "#e1000f";
  return {
    primary,
    primaryHover: darken(primary, 0.25),
    onPrimary: readableTextOn(primary),
    accent,
    text: "#161616",
    muted: "#555555",
    error: "#ce0500",
    success: "#18753c",
    focus: "#0a76f6",
    soft: "#f5f5fe",
    border: "#dddddd",
    field: "#eeeeee",
  };
}

const colours = palette();

/**
 * The whole site's stylesheet: sober and official-looking (in the spirit of the French State's
 * design system, with system fonts only so no request leaves the site), readable on a 375 px
 * phone, with a visible focus everywhere. Every text colour has at least 4.5:1 on its background.
 */
export const stylesheet = `
:root{--primary:${colours.primary};--primary-hover:${colours.primaryHover};--on-primary:${colours.onPrimary};--accent:${colours.accent};--text:${colours.text};--muted:${colours.muted};--error:${colours.error};--success:${colours.success};--focus:${colours.focus};--soft:${colours.soft};--border:${colours.border};--field:${colours.field};--bg:#fff}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{display:flex;flex-direction:column;min-height:100vh;margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--text);background:var(--bg);line-height:1.5;font-size:1rem;overflow-wrap:break-word}
a{color:var(--primary);text-underline-offset:.2em}
a:hover{text-decoration-thickness:2px}
:focus-visible,.error-summary:focus{outline:3px solid var(--focus);outline-offset:2px}
main:focus{outline:none}
.skip{position:absolute;left:1rem;top:-10rem;background:#fff;color:var(--primary);padding:.75rem 1rem;z-index:10;font-weight:700;border:2px solid var(--primary)}
.skip:focus{top:1rem}
.wrap{max-width:62rem;margin:0 auto;padding:0 1rem}
header.site{border-top:4px solid var(--primary);border-bottom:1px solid var(--border);box-shadow:0 2px 6px rgba(0,0,18,.08)}
header.site .top{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;justify-content:space-between;padding-top:1rem;padding-bottom:1rem}
.brand{display:flex;gap:.75rem;align-items:center;color:var(--text);text-decoration:none}
.brand-mark{flex:none;width:.5rem;align-self:stretch;min-height:2.75rem;background:linear-gradient(var(--primary) 0 50%,var(--accent) 50% 100%)}
.brand-name{display:block;font-weight:800;font-size:1.375rem;line-height:1.2}
.brand-tagline{display:block;font-size:.875rem;color:var(--muted);max-width:34rem}
.lang{font-weight:700;padding:.375rem .75rem;border:1px solid var(--primary);border-radius:4px;text-decoration:none}
.lang:hover{background:var(--soft)}
nav.main{border-top:1px solid var(--border)}
nav.main ul{list-style:none;margin:0 auto;padding:0 1rem;display:flex;flex-wrap:wrap;gap:0 1.5rem}
nav.main a{display:inline-block;padding:.75rem 0;color:var(--text);text-decoration:none;border-bottom:3px solid transparent}
nav.main a:hover{border-bottom-color:var(--border)}
nav.main a[aria-current=page]{color:var(--primary);border-bottom-color:var(--primary);font-weight:700}
main{display:block;flex:1 0 auto;width:100%;max-width:62rem;margin:0 auto;padding:1rem 1rem 3rem}
.narrow{max-width:44rem}
.lead{font-size:1.125rem}
h1{font-size:2rem;line-height:1.25;margin:1.5rem 0 1rem}
h2{font-size:1.5rem;line-height:1.3;margin:2rem 0 .75rem}
h3{font-size:1.25rem;margin:1.5rem 0 .5rem}
@media (max-width:36rem){h1{font-size:1.625rem}h2{font-size:1.25rem}nav.main ul{gap:0 1rem}nav.main a{font-size:.9375rem;padding:.5rem 0}header.site .top{padding-top:.75rem;padding-bottom:.75rem}.brand-name{font-size:1.25rem}}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
legend{font-weight:700;margin-bottom:.5rem;padding:0;max-width:100%}
fieldset fieldset legend{font-weight:600}
.part{border-top:1px solid var(--border);padding-top:.5rem;margin-top:1.5rem}
.part>legend{font-size:1.25rem;float:left;width:100%;margin:.75rem 0 .75rem}
.part>legend+*{clear:left}
label{display:block;margin:0 0 .25rem}
.field{margin:0 0 1.25rem}
.hint{display:block;color:var(--muted);font-size:.875rem;font-weight:400;margin:.125rem 0 .25rem}
input[type=text],input[type=email],input[type=number],input[type=date],input[type=time],input[type=datetime-local],input[type=password],select,textarea{display:block;width:100%;max-width:36rem;padding:.5rem .75rem;font:inherit;color:var(--text);border:0;border-bottom:2px solid #3a3a3a;border-radius:4px 4px 0 0;background:var(--field);min-height:2.75rem}
textarea{min-height:6rem;resize:vertical}
input,select,textarea,button{scroll-margin-top:6rem}
.choice{display:flex;gap:.625rem;align-items:flex-start;margin:.5rem 0}
.choice label{margin:0;padding-top:.0625rem}
.choice input{flex:none;width:1.25rem;height:1.25rem;margin:.1875rem 0 0;accent-color:var(--primary)}
.choices-inline{display:flex;flex-wrap:wrap;gap:.5rem}
.choices-inline .choice{margin:0;border:1px solid var(--border);border-radius:4px;padding:.5rem .75rem;flex:1 1 9rem}
.choices-inline .choice:has(input:checked){border-color:var(--primary);background:var(--soft)}
table.grid{border-collapse:collapse;width:100%;margin:.5rem 0}
table.grid th,table.grid td{border:1px solid var(--border);padding:.5rem;text-align:left;vertical-align:top}
table.grid thead th{background:var(--soft)}
.table-scroll{overflow-x:auto}
button,.button{display:inline-block;background:var(--primary);color:var(--on-primary);border:2px solid var(--primary);padding:.625rem 1.5rem;font:inherit;font-weight:700;line-height:1.5;cursor:pointer;text-decoration:none;border-radius:4px;min-height:2.75rem}
button:hover,.button:hover{background:var(--primary-hover);border-color:var(--primary-hover)}
button.secondary,.button.secondary{background:#fff;color:var(--primary)}
button.secondary:hover,.button.secondary:hover{background:var(--soft)}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
.actions>.error{flex-basis:100%;margin:0}
.actions.invalid{border-left:4px solid var(--error);padding-left:.75rem}
.error-summary{border:2px solid var(--error);border-left-width:8px;padding:1rem 1.25rem;margin:1.5rem 0;background:#fff}
.error-summary h2{color:var(--error);margin:0 0 .5rem;font-size:1.25rem}
.error-summary p{margin:0 0 .5rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:var(--error);font-weight:700}
.error{color:var(--error);font-weight:700;display:block;margin:.25rem 0}
.field.invalid,fieldset.invalid{border-left:4px solid var(--error);padding-left:.75rem}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-bottom-color:var(--error)}
.notice{background:var(--soft);border-left:6px solid var(--primary);padding:1rem 1.25rem;margin:1.5rem 0}
.notice>:first-child{margin-top:0}.notice>:last-child{margin-bottom:0}
.notice.success{border-left-color:var(--success);background:#f0faf3}
.required{color:var(--muted);font-size:.875rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin:1.5rem 0;padding:0;list-style:none}
.card{border:1px solid var(--border);padding:1rem 1.25rem;border-bottom:4px solid var(--primary);background:#fff}
.card h2,.card h3{font-size:1.125rem;margin:0 0 .5rem}
.card p{margin:0}
.card .actions{margin:1rem 0 0}
.steps{grid-template-columns:repeat(auto-fit,minmax(12rem,1fr))}
.step{display:inline-block;font-weight:800;color:var(--primary);margin-right:.25rem}
.prose{max-width:44rem}
.prose li{margin:.25rem 0}
dl.facts{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.5rem 1rem;margin:1rem 0}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
ol.notes{padding-left:1.25rem}ol.notes li{margin:0 0 1rem}
.note-text{white-space:pre-line;margin:.25rem 0 0}
@media (max-width:36rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.5rem}}
footer.site{border-top:2px solid var(--primary);margin-top:2rem;background:#fff}
footer.site .wrap{padding-top:1.25rem;padding-bottom:1.5rem;font-size:.875rem}
footer.site ul{list-style:none;margin:0 0 .75rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
footer.site p{margin:0;color:var(--muted)}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
@media print{header.site nav,.skip,footer.site{display:none}}
`
  .trim()
  .replaceAll("\n", "");

/** The tab icon: the programme's two colours, served by the site itself (no request leaves it). */
export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${colours.primary}"/><rect x="6" y="6" width="9" height="20" rx="2" fill="#fff"/><rect x="17" y="6" width="9" height="20" rx="2" fill="${colours.accent}"/></svg>`;
