import { css } from 'lit';

/**
 * The app shell: a header bar (school, navigation, person, language) over the routed view. The
 * bar reacts to the app's own width (a container query), not the window's, because a VLE page
 * may give it a narrow column: below 60rem (a tablet) the bar stacks, and below 40rem (a phone)
 * the navigation and pickers fold into a "Menu" button.
 */
export const appStyles = css`
  /* Out of sight until it has focus: then at the top, over the bar. */
  .skip-link {
    position: absolute;
    inset-inline-start: var(--plc-space, 0.5rem);
    inset-block-start: var(--plc-space, 0.5rem);
    z-index: 10;
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    background: var(--plc-color-surface-raised, #ffffff);
    color: var(--plc-color-accent, #1f5fbf);
    border: 2px solid currentColor;
    border-radius: var(--plc-radius, 6px);
    font-weight: 600;
  }
  /* Clipped rather than moved away: the app need not be at the top of its page (a host's
     header or the demo's introduction above it), and a link moved up would show over them. */
  .skip-link:not(:focus) {
    clip-path: inset(50%);
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    white-space: nowrap;
    padding: 0;
    border: 0;
  }
  .view:focus {
    outline: none;
  }
  .app {
    position: relative;
    container: plc-app / inline-size;
    max-width: var(--plc-app-max-width, 80rem);
    margin-inline: auto;
  }
  .bar {
    background: var(--plc-color-surface, #f6f7f9);
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2) 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: end;
    column-gap: calc(var(--plc-space, 0.5rem) * 2);
  }
  .top {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--plc-space, 0.5rem);
    min-width: 0;
    padding-block: var(--plc-space, 0.5rem);
  }
  .brand {
    margin: 0;
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .school {
    font-weight: 700;
    font-size: 1.2rem;
    line-height: 1.25;
  }
  .programme {
    color: var(--plc-color-text-muted, #4f5967);
    font-size: 0.9em;
  }
  .menu-button,
  .sync.in-top {
    display: none;
  }
  .menu {
    display: contents;
  }
  nav {
    grid-column: 1 / -1;
    grid-row: 2;
  }
  nav ul {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    margin: 0;
    padding: 0;
  }
  nav a {
    display: inline-flex;
    align-items: center;
    min-height: var(--plc-target-size, 44px);
    padding-inline: calc(var(--plc-space, 0.5rem) * 1.5);
    color: var(--plc-color-text, #1b1f24);
    text-decoration: none;
    font-weight: 600;
    border-block-end: 3px solid transparent;
  }
  nav a:hover {
    border-block-end-color: var(--plc-color-border, #c9cfd8);
  }
  nav a[aria-current='page'] {
    color: var(--plc-color-accent, #1f5fbf);
    border-block-end-color: var(--plc-color-accent, #1f5fbf);
  }
  nav .count {
    margin-inline-start: 0.4em;
    min-width: 1.5em;
    padding: 0 0.4em;
    border-radius: 999px;
    background: var(--plc-color-accent, #1f5fbf);
    color: var(--plc-color-on-accent, #fff);
    font-size: 0.85em;
    text-align: center;
  }
  .settings {
    grid-column: 2;
    grid-row: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: flex-end;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    padding-block: var(--plc-space, 0.5rem);
  }
  .setting {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  /* The person picker exists only with the demo attribute, and says so. */
  .demo-badge {
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.4em;
    font-size: 0.8em;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .setting label {
    font-size: 0.85em;
    margin: 0 0 0.15rem;
  }
  .setting select {
    width: auto;
    max-width: 100%;
  }
  #person {
    min-width: 16rem;
  }
  .signed-in {
    margin: 0;
    min-height: var(--plc-target-size, 44px);
    display: flex;
    align-items: center;
    gap: 0.35em;
  }
  .view {
    padding: calc(var(--plc-space, 0.5rem) * 3) calc(var(--plc-space, 0.5rem) * 2);
  }
  .back {
    margin-block-end: var(--plc-space, 0.5rem);
    padding-inline: 0;
  }
  .view-notice:empty {
    display: none;
  }
  .view-notice .notice {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  h2[data-view] {
    font-size: 1.35rem;
  }
  .first-run {
    max-width: 60rem;
  }
  .first-run-parts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
    gap: calc(var(--plc-space, 0.5rem) * 2);
    align-items: start;
  }
  .first-run h3 {
    font-size: 1.1rem;
    margin-block: 0 var(--plc-space, 0.5rem);
  }
  .settings-list dt {
    font-weight: 600;
    margin-block-start: var(--plc-space, 0.5rem);
  }
  .settings-list dd {
    margin-inline-start: 0;
  }
  .communities {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
    gap: calc(var(--plc-space, 0.5rem) * 1.5);
  }
  .community {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25rem;
    height: 100%;
    min-height: var(--plc-target-size, 44px);
    padding: calc(var(--plc-space, 0.5rem) * 1.5) calc(var(--plc-space, 0.5rem) * 2);
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    background: var(--plc-color-surface-raised, #ffffff);
    color: var(--plc-color-text, #1b1f24);
    text-decoration: none;
  }
  .community:hover {
    border-color: var(--plc-color-accent, #1f5fbf);
  }
  .community-name {
    font-weight: 700;
    color: var(--plc-color-accent, #1f5fbf);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  /* Tablet: the bar stacks (brand, then the pickers, then the navigation), nothing hidden. */
  @container plc-app (max-width: 59.99rem) {
    .bar {
      display: flex;
      flex-direction: column;
      align-items: stretch;
    }
    .top {
      order: 1;
    }
    .settings {
      order: 2;
      justify-content: flex-start;
      padding-block-start: 0;
    }
    nav {
      order: 3;
      padding-block-end: var(--plc-space, 0.5rem);
    }
    /* Seven sections (and Spanish names) do not fit one row here: pills wrap tidily where tabs would not. */
    nav ul {
      gap: calc(var(--plc-space, 0.5rem) * 0.5);
    }
    nav a {
      padding-inline: calc(var(--plc-space, 0.5rem) * 1.75);
      border: 1px solid transparent;
      border-radius: 999px;
    }
    nav a:hover {
      border-color: var(--plc-color-border, #c9cfd8);
    }
    nav a[aria-current='page'] {
      border-color: var(--plc-color-accent, #1f5fbf);
      background: var(--plc-color-accent-soft, #e6eefb);
    }
  }

  /* Phone (or a narrow column in a VLE page): navigation and pickers fold into a menu. */
  @container plc-app (max-width: 39.99rem) {
    .bar {
      display: block;
      padding-block-end: 0;
    }
    /* The top row (and with it the count of work not sent yet) stays in sight while the view
       scrolls; not while the menu is open, which may be taller than the screen. */
    .bar:not(.menu-open) {
      position: sticky;
      inset-block-start: var(--plc-app-sticky-top, 0);
      z-index: 5;
    }
    .menu-button {
      display: inline-flex;
      flex: none;
    }
    .sync.in-top {
      display: block;
      flex: 0 1 auto;
      /* "Synced" or "Offline: 3 not sent yet" on one line beside the name; a longer error wraps. */
      min-width: 6.5rem;
      max-width: 45%;
      margin-inline-start: auto;
    }
    .sync.in-settings {
      display: none;
    }
    .menu {
      display: block;
      padding-block-end: var(--plc-space, 0.5rem);
    }
    .menu:not(.open) {
      display: none;
    }
    nav ul {
      flex-direction: column;
      gap: 0;
    }
    nav {
      padding-block-end: 0;
    }
    nav a,
    nav a:hover {
      width: 100%;
      border: none;
      border-radius: 0;
      border-inline-start: 3px solid transparent;
    }
    nav a[aria-current='page'] {
      border-color: transparent;
      border-inline-start-color: var(--plc-color-accent, #1f5fbf);
      background: var(--plc-color-accent-soft, #e6eefb);
    }
    .settings {
      justify-content: flex-start;
      flex-direction: column;
      align-items: stretch;
      padding-block-start: var(--plc-space, 0.5rem);
    }
    .setting select,
    #person {
      width: 100%;
      min-width: 0;
    }
    .view {
      padding: calc(var(--plc-space, 0.5rem) * 2) var(--plc-space, 0.5rem);
    }
  }

  /* Printing (the booklet, a meeting's notes): only the view, without the app around it. */
  @media print {
    .bar,
    .back,
    .view-notice {
      display: none !important;
    }
    .app {
      max-width: none;
    }
    .view {
      padding: 0;
    }
  }
`;
