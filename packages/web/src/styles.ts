import { programme } from "#core/programme";

/** The whole site's stylesheet: sober, official-looking, readable on a phone, visible focus. */
export const stylesheet = `
:root{--primary:${programme.colours.primary};--accent:${programme.colours.accent};--text:#161616;--muted:#3a3a3a;--error:#ce0500;--bg:#fff;--soft:#f6f6f6}
*{box-sizing:border-box}
body{margin:0;font-family:Marianne,Arial,Helvetica,sans-serif;color:var(--text);background:var(--bg);line-height:1.5;font-size:1rem}
a{color:var(--primary)}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{border-bottom:1px solid #ddd;box-shadow:0 2px 4px rgba(0,0,0,.05)}
header.site .bar{max-width:60rem;margin:0 auto;padding:1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.25rem;color:var(--text);text-decoration:none;border-left:6px solid var(--primary);padding-left:.75rem}
.brand small{display:block;font-weight:400;font-size:.875rem;color:var(--muted)}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
main{max-width:60rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:2rem;line-height:1.25;margin:1.5rem 0 1rem}
h2{font-size:1.375rem;margin:2rem 0 .75rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0}
legend{font-weight:700;margin-bottom:.5rem;padding:0}
label{display:block;margin:.75rem 0 .25rem}
.hint{display:block;color:var(--muted);font-size:.875rem}
input[type=text],input[type=email],input[type=number],input[type=datetime-local],select,textarea{width:100%;max-width:36rem;padding:.5rem;font:inherit;border:1px solid #666;border-bottom:2px solid var(--text);border-radius:4px 4px 0 0;background:#eee}
textarea{min-height:6rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
.choice label{margin:0}
.choice input{width:1.25rem;height:1.25rem;margin-top:.15rem}
table.grid{border-collapse:collapse;width:100%;margin:.5rem 0}
table.grid th,table.grid td{border:1px solid #ccc;padding:.4rem;text-align:center}
table.grid th[scope=row]{text-align:left;font-weight:400}
@media (max-width:40rem){table.grid thead{display:none}table.grid tr{display:block;border:1px solid #ccc;margin-bottom:.5rem}table.grid th[scope=row],table.grid td{display:block;border:0;text-align:left}}
button,.button{display:inline-block;background:var(--primary);color:#fff;border:0;padding:.65rem 1.25rem;font:inherit;font-weight:700;cursor:pointer;text-decoration:none;border-radius:4px}
button.secondary,.button.secondary{background:#fff;color:var(--primary);border:1px solid var(--primary)}
.error-summary{border:2px solid var(--error);padding:1rem;margin:1rem 0}
.error-summary h2{color:var(--error);margin-top:0}
.error{color:var(--error);font-weight:700;display:block;margin:.25rem 0}
[aria-invalid=true]{border-color:var(--error)!important}
.notice{background:var(--soft);border-left:4px solid var(--primary);padding:1rem;margin:1rem 0}
footer.site{border-top:2px solid var(--primary);margin-top:2rem}
footer.site .bar{max-width:60rem;margin:0 auto;padding:1rem;display:flex;flex-wrap:wrap;gap:1rem;font-size:.875rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.card{border:1px solid #ddd;padding:1rem;border-bottom:4px solid var(--primary)}
`;
