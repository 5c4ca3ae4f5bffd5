import { renderPairWorkflowAsl } from "./workflow/render";

/** `npm run asl`: prints the pair workflow's definition, exactly as the local engine runs it. */
console.log(JSON.stringify(renderPairWorkflowAsl(), null, 2));
