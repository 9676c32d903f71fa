/**
 * bench/compose's stand-in for mjml in a bundle run under `node --jitless` (esbuild --alias:mjml=./bench/compose-mjml.ts):
 * mjml's juice loads undici, which needs WebAssembly, which --jitless turns off. The HTML of each template was compiled
 * by the real mjml when the proposals were saved (`--save`) and is handed back here, looked up by its source: the
 * compile is once per process anyway; what the bench counts is every mail after it.
 */
const compiled = new Map<string, string>();

async function mjml2html(source: string): Promise<{ html: string; errors: never[] }> {
  const html = compiled.get(source);
  if (html === undefined) throw new Error('bench/compose-mjml: a template not compiled at --save (save again)');
  return { html, errors: [] };
}

/** bench/compose hands the saved HTML over through the default export, the one name mjml's own module has too. */
mjml2html.setCompiled = (entries: [string, string][]): void => {
  for (const [source, html] of entries) compiled.set(source, html);
};

export default mjml2html;
