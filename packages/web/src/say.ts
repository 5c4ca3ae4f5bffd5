import { t } from "./i18n";

/** A catalogue entry in the page's language, French with its no-break spaces (« : ; ? ! »). */
export const say = t;
