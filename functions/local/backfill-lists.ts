import { localCredentials } from "#core/clients/local";

/**
 * `npm run lists:backfill`: gives records written before the paged lists their search terms,
 * their pairs' lines under their mentors and their questionnaires' pair (see
 * core/admin/list-backfill.ts), in the table `npm start` uses, or the service and table given by
 * the usual variables (`AWS_ENDPOINT_URL_DYNAMODB`, `TABLE_NAME`).
 */
process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${process.env.DYNAMODB_LOCAL_PORT ?? 8000}`;
process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
process.env.AWS_REGION ??= "eu-west-3";
process.env.TABLE_NAME ??= "binome-local";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";

const { backfillLists } = await import("#core/admin/list-backfill");
const done = await backfillLists();
console.log(
  `${done.terms} terme(s) de recherche, ${done.links} binôme(s) rangé(s) sous leur mentor, ${done.paired} questionnaire(s) relié(s) à leur binôme`,
);
