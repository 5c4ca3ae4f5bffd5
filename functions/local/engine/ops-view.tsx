import type { Child } from "hono/jsx";

/**
 * What an operator reads in the Step Functions console, for the local service: the executions
 * (newest first, filtered by status) and one execution's status, current state and history in
 * order. State names and event types are AWS's words, as in the console.
 */
type ExecutionView = {
  executionArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  currentState?: string;
};

type EventView = {
  id: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
};

const statuses = ["RUNNING", "SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"];

const when = (ms: number | undefined) =>
  ms === undefined
    ? "—"
    : new Intl.DateTimeFormat("fr-FR", {
        dateStyle: "long",
        timeStyle: "medium",
        timeZone: "Europe/Paris",
      }).format(new Date(ms));

const style = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1e1e1e; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
code, pre { font-size: .8rem; white-space: pre-wrap; word-break: break-all; }
.RUNNING { color: #0a5fb4; } .SUCCEEDED { color: #18753c; } .FAILED, .ABORTED, .TIMED_OUT { color: #ce0500; }
nav a { margin-right: 1rem; }
`;

function Page(props: { title: string; children: Child }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <title>{props.title}</title>
        <style>{style}</style>
      </head>
      <body>
        <nav>
          <a href="/executions">Exécutions / Executions</a>
          {statuses.map((status) => (
            <a href={`/executions?status=${status}`}>{status}</a>
          ))}
        </nav>
        {props.children}
      </body>
    </html>
  );
}

export function executionsPage(executions: ExecutionView[], notice?: string) {
  return (
    <Page title="Step Functions (local) — exécutions / executions">
      <h1>Step Functions (local) — exécutions / executions</h1>
      {notice ? <p role="alert">{notice}</p> : null}
      <table>
        <thead>
          <tr>
            <th>Nom / Name</th>
            <th>Statut / Status</th>
            <th>Début / Started</th>
            <th>Fin / Ended</th>
          </tr>
        </thead>
        <tbody>
          {executions.map((execution) => (
            <tr>
              <td>
                <a href={`/executions/${encodeURIComponent(execution.executionArn)}`}>
                  {execution.name}
                </a>
              </td>
              <td class={execution.status}>{execution.status}</td>
              <td>{when(execution.startDate)}</td>
              <td>{when(execution.stopDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

/** The event's details without the wrapper key AWS gives them (`…EventDetails`). */
function details(event: EventView) {
  const entry = Object.entries(event).find(([key]) => key.endsWith("EventDetails"));
  return (entry?.[1] ?? {}) as Record<string, unknown>;
}

export function executionPage(execution: ExecutionView, events: EventView[]) {
  const started = events[0]?.timestamp ?? execution.startDate;
  return (
    <Page title={`${execution.name} — Step Functions (local)`}>
      <h1>{execution.name}</h1>
      <dl>
        <dt>Statut / Status</dt>
        <dd class={execution.status}>{execution.status}</dd>
        <dt>État courant / Current state</dt>
        <dd>{execution.currentState ?? "—"}</dd>
        <dt>Début / Started</dt>
        <dd>{when(execution.startDate)}</dd>
        <dt>Fin / Ended</dt>
        <dd>{when(execution.stopDate)}</dd>
        <dt>ARN</dt>
        <dd>
          <code>{execution.executionArn}</code>
        </dd>
        {execution.error ? (
          <>
            <dt>Erreur / Error</dt>
            <dd>
              {execution.error} {execution.cause}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>Historique / History</h2>
      <table>
        <thead>
          <tr>
            <th>ID</th>
            <th>Type</th>
            <th>État / State</th>
            <th>Heure / Time</th>
            <th>Écoulé / Elapsed</th>
            <th>Détails / Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const { name, ...rest } = details(event);
            return (
              <tr>
                <td>{event.id}</td>
                <td>{event.type}</td>
                <td>{typeof name === "string" ? name : ""}</td>
                <td>{when(event.timestamp)}</td>
                <td>{elapsed(event.timestamp - started)}</td>
                <td>
                  <code>{Object.keys(rest).length ? JSON.stringify(rest) : ""}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Page>
  );
}

function elapsed(ms: number) {
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  return days ? `${days} j ${hours} h` : hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}
