/**
 * Every environment variable the code reads goes through here, read once, failing loudly when a
 * required one is missing. Locally, `functions/local` sets them before anything else is imported.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value ? value : undefined;
}

export const env = {
  get tableName() {
    return required("TABLE_NAME");
  },
  get region() {
    return optional("AWS_REGION") ?? "eu-west-3";
  },
  /** Set only locally: DynamoDB Local's URL. */
  get dynamodbEndpoint() {
    return optional("DYNAMODB_ENDPOINT");
  },
  /** Set only locally: the SES v2 local server's URL. */
  get sesEndpoint() {
    return optional("SES_ENDPOINT");
  },
  get senderAddress() {
    return required("SENDER_ADDRESS");
  },
  /** Public base URL of the site, used in the links of emails. */
  get appUrl() {
    return required("APP_URL");
  },
  /** SES configuration set, when one exists (not locally). */
  get sesConfigurationSet() {
    return optional("SES_CONFIGURATION_SET");
  },
  get isLocal() {
    return optional("BINOME_LOCAL") === "1";
  },
};
