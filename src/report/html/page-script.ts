// The only script of the HTML pages (scan, diff, vet; page-shell.ts embeds it): filter forms, buttons
// that set a filter, links that reveal a filtered-out card, keyboard moves between cards, and the graphs
// drawn with viz.js. It is embedded with Function.prototype.toString, so it is written in TypeScript
// (checked like the rest) but must use nothing from outside its own body.

export function pageScript(): void {
  interface VizInstance {
    renderSVGElement(src: string): SVGSVGElement;
  }
  interface VizGlobal {
    instance(): Promise<VizInstance>;
  }
  type Control = HTMLInputElement | HTMLSelectElement;
  interface FilterSet {
    form: HTMLFormElement;
    items: HTMLElement[];
    controls: Control[];
    apply(): void;
  }
  const doc = document;
  const root = doc.documentElement;
  const el = <T extends HTMLElement>(id: string): T | null => doc.getElementById(id) as T | null;
  const cards = Array.from(doc.querySelectorAll<HTMLElement>('article.finding'));

  // ---- filters: each form names its items (data-items) and each control the data-* attribute it
  // matches (data-filter); a select's value may list several accepted values as `a|b`
  const matches = (item: HTMLElement, c: Control): boolean => {
    const key = c.dataset.filter ?? '';
    if (c instanceof HTMLInputElement && c.type === 'checkbox') return c.checked || item.dataset[key] !== 'true';
    const value = c.value.trim();
    if (value === '') return true;
    if (key === 'text') return (item.textContent ?? '').toLowerCase().includes(value.toLowerCase());
    return value.split('|').includes(item.dataset[key] ?? '');
  };
  const sets: FilterSet[] = [];
  for (const form of Array.from(doc.querySelectorAll<HTMLFormElement>('form[data-items]'))) {
    const d = form.dataset;
    const items = Array.from(doc.querySelectorAll<HTMLElement>(d.items ?? ''));
    const groups = d.groups ? Array.from(doc.querySelectorAll<HTMLElement>(d.groups)) : [];
    const controls = Array.from(form.querySelectorAll<Control>('[data-filter]'));
    const status = el(d.status ?? '');
    const none = el(d.none ?? '');
    const noun = d.noun ?? 'item';
    const apply = (): void => {
      let shown = 0;
      for (const item of items) {
        const ok = controls.every((c) => matches(item, c));
        item.hidden = !ok;
        if (ok) shown++;
      }
      for (const g of groups) g.hidden = !items.some((i) => !i.hidden && g.contains(i));
      if (status) status.textContent = `Showing ${shown} of ${items.length} ${noun}${items.length === 1 ? '' : 's'}.`;
      if (none) none.hidden = shown > 0;
    };
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', (e) => e.preventDefault());
    // the form's values change only after the reset event has run
    form.addEventListener('reset', () => setTimeout(apply, 0));
    apply();
    sets.push({ form, items, controls, apply });
  }

  doc.addEventListener('click', (e) => {
    const target = e.target as Element | null;
    // overview buttons set a filter (data-set-<key>) of a form (data-filter-form) and take the reader
    // to what it filters
    const button = target?.closest<HTMLElement>('[data-filter-form]');
    const set = button ? sets.find((s) => s.form.id === button.dataset.filterForm) : undefined;
    if (button && set) {
      set.form.reset();
      for (const [k, v] of Object.entries(button.dataset)) {
        if (!k.startsWith('set') || k.length <= 3 || v === undefined) continue;
        const key = k.charAt(3).toLowerCase() + k.slice(4);
        const c = set.controls.find((x) => x.dataset.filter === key);
        if (c) c.value = v;
      }
      set.apply();
      const heading = el(set.form.dataset.focus ?? '');
      heading?.scrollIntoView();
      heading?.focus();
      return;
    }
    // a link to an item the filters hide (a vet reason to its finding) clears that form's filters first
    const link = target?.closest<HTMLAnchorElement>('a[href^="#"]');
    const to = link ? el(decodeURIComponent(link.getAttribute('href')!.slice(1))) : null;
    if (!to || to.offsetParent !== null) return;
    for (const s of sets) {
      if (!s.items.some((i) => i === to || i.contains(to))) continue;
      for (const c of s.controls) {
        if (c instanceof HTMLInputElement && c.type === 'checkbox') c.checked = true;
        else c.value = '';
      }
      s.apply();
    }
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
