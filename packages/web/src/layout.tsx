import type { Child } from "hono/jsx";
import { programme } from "#core/programme";
import { type Lang, t, ui } from "./i18n";

export type NavigationLink = { href: string; label: string };

type LayoutProps = {
  lang: Lang;
  title: string;
  /** The page's own address, without the language: the language switch links back to it. */
  path: string;
  children: Child;
  /** Replaces the public menu (e.g. the programme team's pages have their own). */
  navigation?: NavigationLink[];
  /** False on pages that exist in French only, so the switch promises nothing it cannot keep. */
  languageSwitch?: boolean;
};

const publicNavigation = (lang: Lang): NavigationLink[] => [
  { href: "/", label: t(lang, ui.home) },
  { href: "/questionnaire", label: t(lang, ui.questionnaire) },
  { href: "/candidature", label: t(lang, ui.application) },
  { href: "/atelier", label: t(lang, ui.workshop) },
  { href: "/barnum", label: t(lang, ui.barnum) },
];

const withLanguage = (path: string, lang: Lang) =>
  `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;

/**
 * The frame of every page: skip link, header with the programme's name (from configuration),
 * menu, language switch, one `main`, footer with the trust pages. No script, no external asset:
 * one small stylesheet served by the site itself.
 */
export function Layout(props: LayoutProps) {
  const { lang, title, path, children, navigation, languageSwitch = true } = props;
  const other: Lang = lang === "fr" ? "en" : "fr";
  const links = navigation ?? publicNavigation(lang);
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${programme.name}`}</title>
        <meta name="description" content={t(lang, programme.tagline)} />
        <meta name="theme-color" content={programme.colours.primary} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip" href="#contenu">
          {t(lang, ui.skip)}
        </a>
        <header class="site">
          <div class="wrap top">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true" />
              <span>
                <span class="brand-name">{programme.name}</span>
                <span class="brand-tagline">{t(lang, programme.tagline)}</span>
              </span>
            </a>
            {languageSwitch ? (
              <a class="lang" href={withLanguage(path, other)} hreflang={other} lang={other}>
                {t(other, { fr: "Français", en: "English" })}
              </a>
            ) : null}
          </div>
          <nav class="main" aria-label={t(lang, ui.mainNav)}>
            <ul class="wrap">
              {links.map((link) => (
                <li>
                  <a href={link.href} aria-current={link.href === path ? "page" : undefined}>
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="contenu" tabindex={-1}>
          {children}
        </main>
        <footer class="site">
          <div class="wrap">
            <ul aria-label={t(lang, ui.footerNav)}>
              <li>
                <a
                  href="/confidentialite"
                  aria-current={path === "/confidentialite" ? "page" : undefined}
                >
                  {t(lang, ui.privacy)}
                </a>
              </li>
              <li>
                <a
                  href="/accessibilite"
                  aria-current={path === "/accessibilite" ? "page" : undefined}
                >
                  {t(lang, ui.accessibility)}
                </a>
              </li>
              <li>
                {t(lang, ui.contact)}
                {lang === "fr" ? "\u00a0:" : ":"}{" "}
                <a href={`mailto:${programme.contactEmail}`}>{programme.contactEmail}</a>
              </li>
            </ul>
            <p>
              {programme.name} — {t(lang, ui.footerAbout)}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * A page that only says something: "page not found", "link expired"… with the site's frame, so a
 * person who lands there keeps the menu, the language switch and the way home.
 */
export function MessagePage(props: {
  lang: Lang;
  title: string;
  body: string;
  path: string;
  navigation?: NavigationLink[];
}) {
  return (
    <Layout lang={props.lang} title={props.title} path={props.path} navigation={props.navigation}>
      <div class="narrow">
        <h1>{props.title}</h1>
        <p>{props.body}</p>
        <p>
          <a href="/">{t(props.lang, ui.backHome)}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The "page not found" page, in the visitor's language. */
export function NotFoundPage({ lang, path }: { lang: Lang; path: string }) {
  return (
    <MessagePage
      lang={lang}
      path={path}
      title={t(lang, { fr: "Page introuvable", en: "Page not found" })}
      body={t(lang, {
        fr: "Cette adresse ne correspond à aucune page. Vérifiez-la, ou repartez de l'accueil.",
        en: "This address matches no page. Check it, or start again from the home page.",
      })}
    />
  );
}
