import type { Localised } from "#core/programme";
import { frenchSpacing } from "#core/words";
import type { Lang } from "./i18n";

/** A catalogue entry in the page's language, French with its no-break spaces (« : ; ? ! »). */
export const say = (lang: Lang, text: Localised) =>
  lang === "fr" ? frenchSpacing(text.fr) : text.en;
