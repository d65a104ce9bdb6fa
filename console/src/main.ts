import { adminApi, type AdminApi } from './api.js';
import { authorizationHeader, clearToken, completeCognitoSignIn, currentToken, signOut, startCognitoSignIn, storeToken } from './auth.js';
import { loadConfig, type ConsoleConfig } from './config.js';
import { h, replace } from './dom.js';
import { filtersFromSearch } from './format.js';
import { renderQueue } from './queue-view.js';
import { renderRequest, type RequestPage } from './request-view.js';
import { renderRestrictions } from './restrictions-view.js';

/**
 * The privacy console: hash routes `#/` (the queue, filters in the query),
 * `#/requests/{id}` (one request) and `#/restrictions` (the restrictions in place). Plain DOM, no framework: one small bundle.
 */
const main = document.getElementById('main') as HTMLElement;
const sessionNav = document.getElementById('session') as HTMLElement;
const envBadge = document.getElementById('env') as HTMLElement;

let config: ConsoleConfig;
let api: AdminApi;
let page: RequestPage | undefined;
let queueSearch = '';
let signInMessage = '';

function route(): void {
  page?.stop();
  page = undefined;
  if (!currentToken()) return showSignIn();
  renderSession(true);
  const hash = location.hash || '#/';
  const request = /^#\/requests\/([^/?]+)/.exec(hash);
  if (request) {
    document.title = `${decodeURIComponent(request[1]!)} · Kiara privacy console`;
    page = renderRequest(main, api, decodeURIComponent(request[1]!), queueSearch);
    return;
  }
  if (hash === '#/restrictions') {
    document.title = 'Restrictions · Kiara privacy console';
    renderRestrictions(main, api);
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  const search = hash.startsWith('#/?') ? hash.slice(2) : '';
  queueSearch = search;
  document.title = 'Requests · Kiara privacy console';
  renderQueue(main, api, filtersFromSearch(search), (next) => (queueSearch = next));
  main.querySelector<HTMLElement>('h1')?.focus();
}

function renderSession(signedIn: boolean): void {
  if (!signedIn) return replace(sessionNav);
  const button = h('button', { type: 'button', class: 'link' }, 'Sign out');
  button.addEventListener('click', () => {
    signOut(config);
    route();
  });
  replace(sessionNav, button);
}

function showSignIn(): void {
  renderSession(false);
  document.title = 'Sign in · Kiara privacy console';
  const message = signInMessage ? h('p', { class: 'error', role: 'alert' }, signInMessage) : null;
  if (config.auth === 'cognito') {
    const button = h('button', { type: 'button', class: 'primary' }, 'Sign in with your Kiara account');
    button.addEventListener('click', () => {
      button.disabled = true;
      void startCognitoSignIn(config as Extract<ConsoleConfig, { auth: 'cognito' }>);
    });
    replace(
      main,
      h('h1', { tabindex: -1 }, 'Sign in'),
      message,
      h('p', {}, 'Privacy-team members sign in with their Kiara account and a second factor (MFA).'),
      button,
    );
  } else {
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const input = h('input', {
      id: 'token',
      name: 'token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
      'aria-describedby': 'token-hint',
      value: config.devToken ?? '',
    });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
    const form = h(
      'form',
      { class: 'signin' },
      h('label', { for: 'token' }, 'Admin token'),
      h('p', { id: 'token-hint', class: 'hint' }, 'Local runtime only: the admin token that npm start printed (DSR_ADMIN_TOKEN). In AWS the console signs you in with Cognito instead.'),
      input,
      error,
      h('div', { class: 'buttons' }, submit),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) {
        error.textContent = 'Enter the admin token.';
        error.hidden = false;
        return;
      }
      submit.disabled = true;
      try {
        const response = await fetch(`${config.apiUrl}/admin/requests?limit=1`, {
          headers: { authorization: authorizationHeader(config, token) },
          cache: 'no-store',
        });
        if (response.status === 401) throw new Error('That token is not valid here.');
        if (!response.ok) throw new Error(`The admin API answered HTTP ${response.status}.`);
        storeToken(token);
        signInMessage = '';
        route();
      } catch (caught) {
        submit.disabled = false;
        error.textContent = caught instanceof TypeError ? 'The admin API could not be reached.' : (caught as Error).message;
        error.hidden = false;
        input.focus();
      }
    });
    replace(main, h('h1', { tabindex: -1 }, 'Sign in'), message, form);
    input.focus();
    return;
  }
  main.querySelector<HTMLElement>('h1')?.focus();
}

async function start(): Promise<void> {
  try {
    config = await loadConfig();
  } catch (error) {
    replace(main, h('h1', {}, 'The console cannot start'), h('p', { class: 'error', role: 'alert' }, (error as Error).message));
    return;
  }
  if (config.auth === 'dev-token') envBadge.append(h('span', { class: 'badge soon' }, 'Local runtime'));
  api = adminApi(config, (message) => {
    clearToken();
    signInMessage = message;
    route();
  });
  try {
    await completeCognitoSignIn(config);
  } catch (error) {
    signInMessage = (error as Error).message;
  }
  window.addEventListener('hashchange', route);
  route();
}

void start();
