import { dynamodb } from "#core/clients/dynamodb";
import { ses } from "#core/clients/ses";
import { stepFunctions } from "#core/clients/sfn";
import { traced } from "#core/observability";

/**
 * Every AWS call of a Lambda becomes an X-Ray subsegment: the shared clients are instrumented once,
 * at cold start (the DynamoDB document client shares its client's middleware). Outside Lambda
 * (POWERTOOLS_TRACE_ENABLED=false) this changes nothing.
 */
for (const client of [dynamodb, ses, stepFunctions]) traced(client);
