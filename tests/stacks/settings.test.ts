import { describe, expect, it } from "vitest";
import { stageSettings } from "../../stacks/settings";
import { productionEnvironment } from "./synth";

describe("stage settings", () => {
  it("gives a development stage example values, so it deploys with nothing to configure", () => {
    const settings = stageSettings("alice", {});
    expect(settings.isProduction).toBe(false);
    expect(settings.senderAddress).toBe(`mentorat-inverse@${settings.emailDomain}`);
    expect(settings.oidcIssuer).toBe("https://auth.proconnect.gouv.fr/api/v2");
  });

  it("refuses to build production without its own domain, sender, alarm address and identity provider", () => {
    expect(() => stageSettings("production", {})).toThrow(/BINOME_EMAIL_DOMAIN must be set/);
    for (const name of Object.keys(productionEnvironment).filter(
      (key) => key !== "BINOME_APP_URL",
    )) {
      const incomplete = { ...productionEnvironment, [name]: "" };
      expect(() => stageSettings("production", incomplete), name).toThrow(name);
    }
    expect(stageSettings("production", productionEnvironment).isProduction).toBe(true);
  });

  it("signs browsers in with the audience as client id unless one is given, asking openid and email by default", () => {
    const byDefault = stageSettings("production", productionEnvironment);
    expect(byDefault.oidcClientId).toBe(productionEnvironment.BINOME_OIDC_AUDIENCE);
    expect(byDefault.oidcScopes).toBe("openid email");
    const own = stageSettings("production", {
      ...productionEnvironment,
      BINOME_OIDC_CLIENT_ID: "binome-navigateur",
      BINOME_OIDC_SCOPES: "openid email groups",
    });
    expect(own.oidcClientId).toBe("binome-navigateur");
    expect(own.oidcScopes).toBe("openid email groups");
  });

  it("refuses a sender address that is not on the verified domain", () => {
    expect(() =>
      stageSettings("production", {
        ...productionEnvironment,
        BINOME_SENDER_ADDRESS: "binome@gmail.com",
      }),
    ).toThrow(/BINOME_SENDER_ADDRESS/);
  });
});
