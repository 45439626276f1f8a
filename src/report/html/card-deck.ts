// Finding cards at app scale. A scan of a whole node_modules has 10,000–15,000 findings; as HTML each
// card is some forty elements with its call path and code, and a page holding all of them took half a
// minute to open. Almost all of them are hidden by the default view (per call, not suppressed), so a
// page with more than INLINE_CARDS cards writes only the first INLINE_CARDS of that view as HTML, and
// every other card as an empty placeholder (its id, class and data-* attributes, which the filters
// read) plus its content as data; the page script fills a placeholder in when it comes near the
// viewport. A code excerpt is data once per site, however many cards point at it: the page grows with
// the findings, not with repeated excerpts. Pages up to INLINE_CARDS cards are plain HTML throughout,
// and read without JavaScript.
import type { Finding } from '../../model/report.js';
import { escapeHtml as h } from './escape.js';
import type { CardParts } from './finding-card.js';

/** cards written as HTML on a page; beyond it, the rest are placeholders (and all of a smaller page are HTML) */
export const INLINE_CARDS = 300;

/** What the page script fills placeholders in from: card id → content, excerpt key → figure. */
export interface LazyCards {
  cards: Record<string, string>;
  excerpts: Record<string, string>;
}

/** The filters' default view on every page: per-call findings, suppressed ones left out. */
export const inDefaultView = (f: Finding): boolean => f.frequency === 'per-call' && f.suppressed !== true;

export class CardDeck {
  private inline = 0;
  private readonly data: LazyCards = { cards: {}, excerpts: {} };

  /** @param total cards the page will have (every section's): lazy placeholders only above INLINE_CARDS */
  constructor(private readonly total: number) {}

  /** The card's markup on the page: itself, or a placeholder whose content is kept as data. */
  place(id: string, card: CardParts, shownByDefault: boolean): string {
    if (this.total <= INLINE_CARDS || (shownByDefault && this.inline < INLINE_CARDS)) {
      this.inline++;
      return card.html;
    }
    let excerpt = '';
    if (card.excerpt) {
      this.data.excerpts[card.excerpt.key] = card.excerpt.html;
      excerpt = `<figure class="excerpt" data-excerpt="${h(card.excerpt.key)}"></figure>`;
    }
    this.data.cards[id] = `${card.inner[0]}${excerpt}${card.inner[1]}`;
    return `${card.open.slice(0, -1)} data-lazy>${card.close}`;
  }

  /** The data of the placeholders, or undefined when every card is HTML. */
  lazy(): LazyCards | undefined {
    return Object.keys(this.data.cards).length === 0 ? undefined : this.data;
  }
}
