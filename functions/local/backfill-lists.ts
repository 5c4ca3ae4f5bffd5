import { targetTable } from "./table-target";

/**
 * `npm run lists:backfill`: gives records written before the paged lists their search terms,
 * their pairs' lines under their mentors and their questionnaires' pair (see
 * core/admin/list-backfill.ts), in the table `npm start` uses, or in the stage's table on AWS
 * with `TABLE_NAME` set (see `targetTable`).
 */
targetTable();

const { backfillLists } = await import("#core/admin/list-backfill");
const done = await backfillLists();
console.log(
  `${done.terms} terme(s) de recherche, ${done.links} binôme(s) rangé(s) sous leur mentor, ${done.paired} questionnaire(s) relié(s) à leur binôme`,
);
