// The HTML report's only script of its own: filters, keyboard moves between cards, and the graphs
// drawn with viz.js. It is embedded with Function.prototype.toString, so it is written in TypeScript
// (checked like the rest) but must use nothing from outside its own body.

export function pageScript(): void {
  interface VizInstance {
    renderSVGElement(src: string): SVGSVGElement;
  }
  interface VizGlobal {
    instance(): Promise<VizInstance>;
  }
  const doc = document;
  const root = doc.documentElement;
  const el = <T extends HTMLElement>(id: string): T | null => doc.getElementById(id) as T | null;
  const cards = Array.from(doc.querySelectorAll<HTMLElement>('article.finding'));

  // ---- filters: every card carries its package, rule, severity, frequency and suppression as data-*
  const form = el<HTMLFormElement>('filters');
  const pkg = el<HTMLSelectElement>('filter-package');
  const rule = el<HTMLSelectElement>('filter-rule');
  const severity = el<HTMLSelectElement>('filter-severity');
  const frequency = el<HTMLSelectElement>('filter-frequency');
  const suppressed = el<HTMLInputElement>('filter-suppressed');
  const text = el<HTMLInputElement>('filter-text');
  const status = el('filter-status');
  const none = el('no-match');
  const apply = (): void => {
    const needle = (text?.value ?? '').trim().toLowerCase();
    let shown = 0;
    for (const card of cards) {
      const d = card.dataset;
      const ok =
        (!pkg?.value || d.package === pkg.value) &&
        (!rule?.value || d.rule === rule.value) &&
        (!severity?.value || d.severity === severity.value) &&
        (!frequency?.value || d.frequency === frequency.value) &&
        (suppressed?.checked === true || d.suppressed !== 'true') &&
        (needle === '' || (card.textContent ?? '').toLowerCase().includes(needle));
      card.hidden = !ok;
      if (ok) shown++;
    }
    if (status) status.textContent = `Showing ${shown} of ${cards.length} finding${cards.length === 1 ? '' : 's'}.`;
    if (none) none.hidden = shown > 0;
  };
  if (form) {
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', (e) => e.preventDefault());
    // the form's values change only after the reset event has run
    form.addEventListener('reset', () => setTimeout(apply, 0));
  }
  apply();

  // overview buttons set a filter and take the reader to the findings
  doc.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest<HTMLElement>('[data-set-package], [data-set-severity]');
    if (!button) return;
    if (form) form.reset();
    if (button.dataset.setPackage !== undefined && pkg) pkg.value = button.dataset.setPackage;
    if (button.dataset.setSeverity !== undefined && severity) severity.value = button.dataset.setSeverity;
    apply();
    const heading = el('findings-h');
    heading?.scrollIntoView();
    heading?.focus();
  });

  // j / k move between the visible cards (like many review tools); typing in a field is left alone
  doc.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'j' && e.key !== 'k')) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest('input, select, textarea')) return;
    const visible = cards.filter((c) => !c.hidden);
    const current = target?.closest<HTMLElement>('article.finding') ?? null;
    const i = current ? visible.indexOf(current) : -1;
    const next = e.key === 'j' ? visible[i + 1] : i > 0 ? visible[i - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    next.focus();
  });

  // ---- graphs: DOT sources from the data block, drawn by Graphviz (viz.js, WebAssembly) in order
  const sources = JSON.parse(el('graph-data')?.textContent ?? '{}') as Record<string, string>;
  const containers = Array.from(doc.querySelectorAll<HTMLElement>('[data-graph]'));
  const viz = (globalThis as unknown as { Viz?: VizGlobal }).Viz;
  if (!viz) {
    root.dataset.graphs = 'unavailable';
    return;
  }
  root.dataset.graphs = 'rendering';
  viz.instance().then(
    async (instance) => {
      let failed = 0;
      for (let i = 0; i < containers.length; i++) {
        const box = containers[i]!;
        const src = sources[box.dataset.graph ?? ''];
        if (src === undefined) continue;
        try {
          const svg = instance.renderSVGElement(src);
          // the container is the image (role="img" with the path as its label); the SVG is its picture
          svg.setAttribute('aria-hidden', 'true');
          box.replaceChildren(svg);
          box.closest('figure')?.classList.add('drawn');
        } catch (err) {
          failed++;
          box.textContent = `The graph could not be drawn (${err instanceof Error ? err.message : String(err)}); the steps are listed below.`;
          box.classList.add('graph-error');
        }
        // yield now and then so a report with hundreds of findings stays responsive while drawing
        if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      root.dataset.graphs = failed === 0 ? 'done' : 'done-with-errors';
    },
    (err: unknown) => {
      root.dataset.graphs = 'failed';
      for (const box of containers) box.textContent = `Graphviz could not start (${err instanceof Error ? err.message : String(err)}); the steps are listed below.`;
    },
  );
}
