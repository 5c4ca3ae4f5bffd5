import { dynamodb } from "#core/clients/dynamodb";
import { traced } from "#core/observability";

/**
 * Every AWS call of a Lambda becomes an X-Ray subsegment: the DynamoDB client, which every
 * function uses, is instrumented here at cold start (the document client shares its middleware);
 * the SES, Step Functions and SQS clients instrument themselves when first loaded, which the web
 * function does only for a request that needs them. Outside Lambda (or with
 * POWERTOOLS_TRACE_ENABLED=false) the tracer is not even loaded and this changes nothing.
 */
traced(dynamodb);
