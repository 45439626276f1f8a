// The only script of the HTML pages (scan, diff, vet; page-shell.ts embeds it): filter forms, buttons
// that set a filter, links that reveal a filtered-out card, keyboard moves between cards, cards written
// as placeholders filled in when they come near the viewport (card-deck.ts), and the graphs drawn with
// viz.js. It is embedded with Function.prototype.toString, so it is written in TypeScript (checked like
// the rest) but must use nothing from outside its own body.

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

  // ---- placeholders (data-lazy): their content is in #card-data, filled in when first shown
  const lazy = JSON.parse(el('card-data')?.textContent ?? 'null') as { cards: Record<string, string>; excerpts: Record<string, string> } | null;
  const contentOf = (card: HTMLElement): string =>
    (lazy?.cards[card.id] ?? '').replace(
      /<figure class="excerpt" data-excerpt="([^"]*)"><\/figure>/g,
      (_, key: string) =>
        lazy?.excerpts[
          key
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&')
        ] ?? '',
    );
  // what a placeholder's card will say, for the text filter: its content without tags, entities read
  const lazyText = new Map<HTMLElement, string>();
  const textOf = (item: HTMLElement): string => {
    if (!item.hasAttribute('data-lazy')) return item.textContent ?? '';
    let t = lazyText.get(item);
    if (t === undefined) {
      t = contentOf(item)
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      lazyText.set(item, t);
    }
    return t;
  };
  let watchGraphs = (_box: HTMLElement): void => undefined;
  const fillIn = (card: HTMLElement): void => {
    if (!card.hasAttribute('data-lazy')) return;
    card.innerHTML = contentOf(card);
    card.removeAttribute('data-lazy');
    lazyText.delete(card);
    for (const box of Array.from(card.querySelectorAll<HTMLElement>('[data-graph]'))) watchGraphs(box);
  };
  const nearViewport =
    lazy && 'IntersectionObserver' in globalThis
      ? new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              nearViewport?.unobserve(e.target);
              fillIn(e.target as HTMLElement);
            }
          },
          { rootMargin: '1200px 0px' },
        )
      : null;
  for (const card of cards) {
    if (!card.hasAttribute('data-lazy')) continue;
    if (nearViewport) nearViewport.observe(card);
    else fillIn(card);
  }
  // printing shows what the filters show, whole
  globalThis.addEventListener('beforeprint', () => {
    for (const card of cards) if (!card.hidden) fillIn(card);
  });

  // ---- filters: each form names its items (data-items) and each control the data-* attribute it
  // matches (data-filter); a select's value may list several accepted values as `a|b`
  const matches = (item: HTMLElement, c: Control): boolean => {
    const key = c.dataset.filter ?? '';
    if (c instanceof HTMLInputElement && c.type === 'checkbox') return c.checked || item.dataset[key] !== 'true';
    const value = c.value.trim();
    if (value === '') return true;
    if (key === 'text') return textOf(item).toLowerCase().includes(value.toLowerCase());
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
    fillIn(next);
    next.focus();
  });

  // ---- graphs: DOT sources from the data block, drawn by Graphviz (viz.js, WebAssembly) in page order.
  // A page of a few hundred graphs draws them all; a larger one (or one with placeholders) draws a graph
  // when it comes near the viewport: thousands of graphs would keep the page busy for minutes.
  // data-graphs says where drawing is (rendering / done / done-with-errors); data-view becomes `ready`
  // once the graphs near the viewport at load are drawn.
  const EAGER_GRAPHS = 300;
  const sources = JSON.parse(el('graph-data')?.textContent ?? '{}') as Record<string, string>;
  const containers = Array.from(doc.querySelectorAll<HTMLElement>('[data-graph]'));
  const viz = (globalThis as unknown as { Viz?: VizGlobal }).Viz;
  if (!viz) {
    root.dataset.graphs = 'unavailable';
    root.dataset.view = 'ready';
    return;
  }
  root.dataset.graphs = 'rendering';
  const queue: HTMLElement[] = [];
  let failed = 0;
  let draw: ((box: HTMLElement) => void) | undefined;
  let draining: Promise<void> | null = null;
  const drain = async (): Promise<void> => {
    await Promise.resolve();
    for (let i = 0; queue.length > 0; i++) {
      draw?.(queue.shift()!);
      // yield now and then so the page stays responsive while drawing
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    root.dataset.graphs = failed === 0 ? 'done' : 'done-with-errors';
    root.dataset.view = 'ready';
    draining = null;
  };
  const enqueue = (box: HTMLElement): void => {
    if (box.dataset.queued !== undefined) return;
    box.dataset.queued = '';
    queue.push(box);
    if (draw && draining === null) {
      root.dataset.graphs = 'rendering';
      draining = drain();
    }
  };
  const eager = !lazy && containers.length <= EAGER_GRAPHS;
  const nearGraph =
    !eager && 'IntersectionObserver' in globalThis
      ? new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              nearGraph?.unobserve(e.target);
              enqueue(e.target as HTMLElement);
            }
          },
          { rootMargin: '600px 0px' },
        )
      : null;
  watchGraphs = (box) => (nearGraph ? nearGraph.observe(box) : enqueue(box));
  for (const box of containers) watchGraphs(box);
  viz.instance().then(
    (instance) => {
      draw = (box) => {
        const src = sources[box.dataset.graph ?? ''];
        if (src === undefined) return;
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
      };
      draining = drain();
    },
    (err: unknown) => {
      root.dataset.graphs = 'failed';
      root.dataset.view = 'ready';
      for (const box of containers) box.textContent = `Graphviz could not start (${err instanceof Error ? err.message : String(err)}); the steps are listed below.`;
    },
  );
}
