import type { Texts } from '../en/index.js';

export const rejection: Texts['rejection'] = {
  title: 'Wij kunnen uw privacyverzoek niet uitvoeren',
  partialTitle: 'Wij kunnen uw privacyverzoek niet volledig uitvoeren',
  then: 'Wij hebben besloten hieraan geen gevolg te geven. Hieronder leest u waarom.',
  partialThen: 'Wij voeren een deel ervan uit, maar niet alles. Hieronder leest u per recht wat wij hebben besloten, en waarom.',
};
