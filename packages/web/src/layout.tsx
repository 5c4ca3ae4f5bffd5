import type { Child } from "hono/jsx";
import { programme } from "#core/programme";
import { type Lang, t, ui } from "./i18n";

type LayoutProps = { lang: Lang; title: string; path: string; children: Child };

/** The frame of every page: skip link, header with the programme's name, landmarks, footer. */
export function Layout({ lang, title, path, children }: LayoutProps) {
  const other: Lang = lang === "fr" ? "en" : "fr";
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${programme.name}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip" href="#contenu">
          {t(lang, ui.skip)}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              {programme.name}
              <small>{t(lang, programme.tagline)}</small>
            </a>
            <nav aria-label={t(lang, ui.mainNav)}>
              <ul>
                <li>
                  <a href="/questionnaire">{t(lang, ui.questionnaire)}</a>
                </li>
                <li>
                  <a href="/candidature">{t(lang, ui.application)}</a>
                </li>
                <li>
                  <a href={`${path}?lang=${other}`} hreflang={other} lang={other}>
                    {t(lang, ui.switchLanguage)}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="contenu" tabindex={-1}>
          {children}
        </main>
        <footer class="site">
          <div class="bar">
            <a href="/confidentialite">{t(lang, ui.privacy)}</a>
            <a href="/accessibilite">{t(lang, ui.accessibility)}</a>
            <span>{programme.contactEmail}</span>
          </div>
        </footer>
      </body>
    </html>
  );
}
