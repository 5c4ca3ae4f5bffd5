import { type Lang, t } from "../../i18n";
import { Layout } from "../../layout";
import { adminNavigation, inLanguage } from "./parts";

/**
 * Shown (with a 401) instead of any programme-team page to whoever is not authenticated. Locally
 * it takes the token printed by `npm start`; on AWS the identity provider (ProConnect, for
 * example) authenticates agents and this page says so.
 */
export function LoginPage(props: {
  next: string;
  local: boolean;
  error?: "wrong-token" | "missing-role";
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  const say = (text: { fr: string; en: string }) => t(lang, text);
  const title = say({
    fr: "Connexion de l'équipe d'animation",
    en: "Programme team sign-in",
  });
  return (
    <Layout lang={lang} title={title} path="/admin/connexion" navigation={adminNavigation(lang)}>
      <div class="narrow">
        <h1>{title}</h1>
        {props.error === "wrong-token" ? (
          <div class="error-summary" role="alert" id="erreurs" tabindex={-1} autofocus>
            <h2>{say({ fr: "Connexion refusée", en: "Sign-in refused" })}</h2>
            <p>
              <a href="#champ-token">
                {say({
                  fr: "Ce jeton n'est pas le bon : vérifiez celui affiché au démarrage.",
                  en: "This token is not the right one: check the one shown at start-up.",
                })}
              </a>
            </p>
          </div>
        ) : null}
        {props.error === "missing-role" ? (
          <div class="error-summary" role="alert">
            <h2>{say({ fr: "Accès refusé", en: "Access refused" })}</h2>
            <p>
              {say({
                fr: "Votre compte n'a pas le rôle « équipe d'animation ». Demandez-le à l'administrateur du programme.",
                en: "Your account does not have the “programme team” role. Ask the programme's administrator for it.",
              })}
            </p>
          </div>
        ) : null}
        <p>
          {say({
            fr: "Ces pages sont réservées à l'équipe d'animation du programme.",
            en: "These pages are for the programme team only.",
          })}
        </p>
        {props.local ? (
          <form method="post" action={inLanguage("/admin/connexion", lang)}>
            <input type="hidden" name="next" value={props.next} />
            <div class={props.error ? "field invalid" : "field"}>
              <label for="champ-token">
                {say({ fr: "Jeton de l'équipe d'animation", en: "Programme team token" })} *
              </label>
              <span class="hint" id="champ-token-aide">
                {say({
                  fr: "Le jeton affiché par « npm start » au démarrage (variable ADMIN_TOKEN).",
                  en: "The token shown by “npm start” at start-up (variable ADMIN_TOKEN).",
                })}
              </span>
              <input
                id="champ-token"
                name="token"
                type="password"
                required
                autocomplete="current-password"
                aria-describedby="champ-token-aide"
                aria-invalid={props.error ? "true" : undefined}
              />
            </div>
            <div class="actions">
              <button type="submit">{say({ fr: "Se connecter", en: "Sign in" })}</button>
            </div>
          </form>
        ) : (
          <p>
            {say({
              fr: "Connectez-vous avec votre compte d'agent (par exemple ProConnect) depuis le lien fourni par l'administrateur du programme, puis revenez sur cette page.",
              en: "Sign in with your agent account (ProConnect, for example) from the link the programme's administrator gave you, then come back to this page.",
            })}
          </p>
        )}
      </div>
    </Layout>
  );
}
