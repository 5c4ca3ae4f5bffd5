import { renderEventWorkflowAsl, renderPairWorkflowAsl } from "./workflow/render";

/**
 * `npm run asl`: prints the pair workflow's definition, exactly as the local engine runs it;
 * `npm run asl -- event`: the event workflow's (collective workshops, BarNum').
 */
const which = process.argv[2] === "event" ? renderEventWorkflowAsl : renderPairWorkflowAsl;
console.log(JSON.stringify(which(), null, 2));
