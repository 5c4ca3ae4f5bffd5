import { Layout } from "../../layout";
import { adminNavigation } from "./parts";

/**
 * Shown (with a 401) instead of any programme-team page to whoever is not authenticated. Locally
 * it takes the token printed by `npm start`; on AWS the identity provider (ProConnect, for
 * example) authenticates agents and this page says so.
 */
export function LoginPage(props: {
  next: string;
  local: boolean;
  error?: "wrong-token" | "missing-role";
}) {
  return (
    <Layout
      lang="fr"
      title="Connexion de l'équipe d'animation"
      path="/admin/connexion"
      navigation={adminNavigation}
    >
      <div class="narrow">
        <h1>Connexion de l'équipe d'animation</h1>
        {props.error === "wrong-token" ? (
          <div class="error-summary" role="alert" id="erreurs" tabindex={-1} autofocus>
            <h2>Connexion refusée</h2>
            <p>
              <a href="#champ-token">
                Ce jeton n'est pas le bon : vérifiez celui affiché au démarrage.
              </a>
            </p>
          </div>
        ) : null}
        {props.error === "missing-role" ? (
          <div class="error-summary" role="alert">
            <h2>Accès refusé</h2>
            <p>
              Votre compte n'a pas le rôle « équipe d'animation ». Demandez-le à l'administrateur du
              programme.
            </p>
          </div>
        ) : null}
        <p>Ces pages sont réservées à l'équipe d'animation du programme.</p>
        {props.local ? (
          <form method="post" action="/admin/connexion">
            <input type="hidden" name="next" value={props.next} />
            <div class={props.error ? "field invalid" : "field"}>
              <label for="champ-token">Jeton de l'équipe d'animation *</label>
              <span class="hint" id="champ-token-aide">
                Le jeton affiché par « npm start » au démarrage (variable ADMIN_TOKEN).
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
              <button type="submit">Se connecter</button>
            </div>
          </form>
        ) : (
          <p>
            Connectez-vous avec votre compte d'agent (par exemple ProConnect) depuis le lien fourni
            par l'administrateur du programme, puis revenez sur cette page.
          </p>
        )}
      </div>
    </Layout>
  );
}
