// Builds dist/ from src/: the page's script, the editor bundle (loaded after the first paint)
// and the style sheet. The page and its icon need no build: the server serves them from src/. Output is deterministic (no hashes, no timestamps), so
// `scripts/studio --check` can tell whether the checked-in files are those the sources make.
import * as esbuild from "esbuild";
import { mkdirSync } from "node:fs";

const out = process.argv[2] || "dist";
mkdirSync(out, { recursive: true });
const common = { bundle: true, minify: true, format: "esm", target: "es2022", legalComments: "eof", logLevel: "warning" };
await esbuild.build({ ...common, entryPoints: ["src/app.js"], outfile: `${out}/app.js`, external: ["/studio/assets/editor.js"] });
await esbuild.build({ ...common, entryPoints: ["src/editor.js"], outfile: `${out}/editor.js` });
await esbuild.build({ ...common, entryPoints: ["src/app.css"], outfile: `${out}/app.css`, loader: { ".css": "css" } });
