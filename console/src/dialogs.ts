import { ApiError } from './api.js';
import { h, toast, uid, type Child } from './dom.js';

export interface ActionDialog<T> {
  title: string;
  /** The button that opened it; focus returns there (or to the page heading). */
  trigger: HTMLElement;
  intro?: Child[];
  fields?: Child[];
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  /** Reads the form; returns a message to refuse submitting (shown, nothing sent). */
  collect?: (form: HTMLFormElement) => T | { invalid: string };
  submit: (payload: T | undefined) => Promise<unknown>;
  done: string;
  /** After success, or after a 409 when the dialog closes: the page reloads its data. */
  refresh: () => void;
}

/**
 * A modal action dialog. What a click does cannot be done twice: the confirm button is
 * disabled from the first click, stays disabled while the call is in flight, and after
 * a 409 (someone already decided) for good, with the API's message shown.
 */
export function openActionDialog<T>(options: ActionDialog<T>): HTMLDialogElement {
  const titleId = uid('dialog-title');
  const errorId = uid('dialog-error');
  const error = h('p', { id: errorId, class: 'error', role: 'alert', hidden: true });
  const confirm = h('button', { type: 'submit', class: options.danger ? 'danger' : 'primary' }, options.confirmLabel);
  const back = h('button', { type: 'button', class: 'secondary' }, 'Back');
  const fieldset = h('fieldset', { class: 'plain' }, ...(options.fields ?? []));
  const form = h('form', { novalidate: true }, fieldset, error, h('div', { class: 'buttons' }, back, confirm));
  const dialog = h('dialog', { 'aria-labelledby': titleId, 'aria-describedby': errorId }, h('h2', { id: titleId }, options.title), ...(options.intro ?? []), form);

  let busy = false;
  let settled = false; // decided elsewhere (409): nothing more can be sent from here
  let needsRefresh = false;

  const close = () => {
    if (busy) return;
    dialog.close();
  };
  back.addEventListener('click', close);
  dialog.addEventListener('cancel', (event) => {
    if (busy) event.preventDefault();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (needsRefresh) options.refresh();
    else (options.trigger.isConnected ? options.trigger : document.querySelector<HTMLElement>('main h1'))?.focus();
  });

  const showError = (message: string) => {
    error.textContent = message;
    error.hidden = false;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || settled) return;
    let payload: T | undefined;
    if (options.collect) {
      const collected = options.collect(form);
      if (collected && typeof collected === 'object' && 'invalid' in (collected as object)) {
        showError((collected as { invalid: string }).invalid);
        return;
      }
      payload = collected as T;
    }
    busy = true;
    confirm.disabled = true;
    back.disabled = true;
    fieldset.disabled = true;
    form.setAttribute('aria-busy', 'true');
    confirm.textContent = options.busyLabel;
    error.hidden = true;
    try {
      await options.submit(payload);
      busy = false;
      needsRefresh = true;
      dialog.close();
      toast(options.done);
    } catch (caught) {
      busy = false;
      back.disabled = false;
      form.removeAttribute('aria-busy');
      if (caught instanceof ApiError && caught.status === 409) {
        settled = true;
        needsRefresh = true;
        confirm.textContent = 'Already done';
        back.textContent = 'Close';
        showError(`${caught.message} (${caught.code}) Nothing was changed.`);
        back.focus();
        return;
      }
      confirm.disabled = false;
      fieldset.disabled = false;
      confirm.textContent = options.confirmLabel;
      showError(caught instanceof Error ? caught.message : String(caught));
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  const first = dialog.querySelector<HTMLElement>('textarea, input:not([type=hidden]), select');
  (first ?? confirm).focus();
  return dialog;
}

/** A labelled textarea with a hint. */
export function textArea(name: string, labelText: string, hint: string, required = true): Child[] {
  const id = uid(name);
  const hintId = `${id}-hint`;
  return [
    h('label', { for: id }, labelText, required ? h('span', { class: 'required' }, ' (required)') : null),
    h('p', { id: hintId, class: 'hint' }, hint),
    h('textarea', { id, name, rows: 4, maxlength: 5000, required, 'aria-describedby': hintId }),
  ];
}
