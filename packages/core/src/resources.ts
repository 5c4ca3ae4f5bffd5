import { randomUUID } from "node:crypto";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { documents, queryList } from "./clients/dynamodb";
import { clock } from "./clock";
import type { Bilingual, Paragraph } from "./email/layout";
import { env } from "./env";
import { shortText } from "./fields";
import { keys } from "./keys";
import { themeIds } from "./programme";
import { formatHours } from "./words";

/**
 * The programme's library of resources per theme: teaching videos, guides, and the modules
 * ("trames") written for mentors. Each is a titled link with a short description and a duration;
 * a pair's emails point each participant to the resources of the pair's themes.
 */

export const audiences = ["everyone", "mentors"] as const;
export type Audience = (typeof audiences)[number];

export const ResourceSchema = v.strictObject({
  theme: v.picklist(themeIds as [string, ...string[]], "Choisissez le thème de la ressource."),
  title: shortText("Donnez un titre à la ressource.", 120),
  url: v.pipe(
    v.string("Indiquez l'adresse de la ressource."),
    v.trim(),
    v.nonEmpty("Indiquez l'adresse de la ressource."),
    v.maxLength(500, "Cette adresse est trop longue."),
    v.url("Indiquez une adresse complète, par exemple https://www.exemple.gouv.fr/guide."),
    v.check(
      (value) => value.startsWith("https://"),
      "L'adresse doit commencer par https:// pour que la ressource s'ouvre en toute sécurité.",
    ),
  ),
  description: shortText("Décrivez la ressource en une phrase.", 300),
  durationMinutes: v.pipe(
    v.number("Indiquez la durée en minutes."),
    v.integer("Indiquez la durée en minutes, sans décimale."),
    v.minValue(1, "La durée doit être d'au moins une minute."),
    v.maxValue(600, "La durée doit être de 10 heures au plus."),
  ),
  audience: v.picklist(audiences, "Indiquez à qui s'adresse la ressource."),
});

export type ResourceInput = v.InferOutput<typeof ResourceSchema>;
export type Resource = ResourceInput & { id: string; createdAt: string };

export async function addResource(input: ResourceInput): Promise<Resource> {
  const resource: Resource = { ...input, id: randomUUID(), createdAt: clock.now().toISOString() };
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.resource(resource.id),
        ...keys.resourceList(resource.theme, resource.id),
        kind: "resource",
        ...resource,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return resource;
}

export async function removeResource(id: string): Promise<void> {
  await documents.send(new DeleteCommand({ TableName: env.tableName, Key: keys.resource(id) }));
}

/** Every resource, by theme in the programme's order, then by title. */
export async function listResources(): Promise<Resource[]> {
  const items = await queryList<Resource & Record<string, unknown>>(keys.resources());
  return items
    .map(({ id, theme, title, url, description, durationMinutes, audience, createdAt }) => ({
      id,
      theme,
      title,
      url,
      description,
      durationMinutes,
      audience,
      createdAt,
    }))
    .sort(
      (a, b) =>
        themeIds.indexOf(a.theme) - themeIds.indexOf(b.theme) ||
        a.title.localeCompare(b.title, "fr"),
    );
}

/** Pure: what one reader of a pair's email should be pointed to, for the pair's themes. */
export function resourcesFor(
  resources: readonly Resource[],
  themes: readonly string[],
  reader: "mentee" | "mentor",
): Resource[] {
  return resources.filter(
    (resource) =>
      themes.includes(resource.theme) && (resource.audience === "everyone" || reader === "mentor"),
  );
}

/**
 * A pair's email with the resources of its themes added at the end, for one reader (the
 * mentors' modules only in the mentor's copy); unchanged when there are none.
 */
export function withResources<M extends Bilingual>(
  message: M,
  resources: readonly Resource[],
  intro = {
    fr: "Pour aller plus loin sur vos thèmes, les ressources du programme :",
    en: "To go further on your themes, the programme's resources:",
  },
): M {
  if (resources.length === 0) return message;
  const line = (resource: Resource, lang: "fr" | "en"): Paragraph => ({
    link: resource.url,
    label: `${resource.title} (${formatHours(resource.durationMinutes / 60)[lang]}) — ${resource.description}`,
  });
  return {
    ...message,
    fr: [...message.fr, intro.fr, ...resources.map((resource) => line(resource, "fr"))],
    en: [...message.en, intro.en, ...resources.map((resource) => line(resource, "en"))],
  };
}
