// Precompile the kernel's pure-Python wheels for Pyodide's own Python (run by Node.js at build time,
// see donnees_en_main.livre.jupyterlite.precompiler_roues): node precompiler.mjs <pyodide folder> <work folder>
// The work folder holds entree/*.whl; each is written to sortie/ with __pycache__/*.pyc beside its modules.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, travail] = process.argv.slice(2).map((p) => path.resolve(p));
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: pyodideDir + "/", stdout: () => {}, stderr: (t) => console.error(t) });
py.FS.mkdirTree("/travail");
py.FS.mount(py.FS.filesystems.NODEFS, { root: travail }, "/travail");
await py.runPythonAsync(readFileSync(new URL("./precompiler_roue.py", import.meta.url), "utf8"));
