import type { SSTConfig } from "sst";
import { Api } from "./stacks/Api";
import { Email } from "./stacks/Email";
import { functionDefaults } from "./stacks/functions";
import { Matching } from "./stacks/Matching";
import { Monitoring } from "./stacks/Monitoring";
import { suppressSstStackHandlers } from "./stacks/nag";
import { Secrets } from "./stacks/Secrets";
import { Storage } from "./stacks/Storage";
import { Workflow } from "./stacks/Workflow";

/** Binôme on AWS: `npx sst deploy --stage <name>` (see README, "Deploy to AWS"). */
export default {
  config() {
    return { name: "binome", region: "eu-west-3" };
  },
  stacks(app) {
    app.setDefaultFunctionProps(functionDefaults);
    app
      .stack(Storage)
      .stack(Secrets)
      .stack(Email)
      .stack(Matching)
      .stack(Api)
      .stack(Workflow)
      .stack(Monitoring);
    suppressSstStackHandlers(app);
  },
} satisfies SSTConfig;
