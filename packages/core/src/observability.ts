import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";

/**
 * One logger and one metrics object for the whole code base. Log lines carry ids (pair, record,
 * cohort), never names, email addresses or link tokens.
 */
export const logger = new Logger({ serviceName: "binome" });

export const metrics = new Metrics({ namespace: "Binome", serviceName: "binome" });
