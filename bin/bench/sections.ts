import { connectorSection } from './connectors.js';
import type { BenchSection } from './harness.js';
import { intakeSection } from './intake.js';

/** Every benchmark section, in the order they run; add a module and list it here. */
export const SECTIONS: readonly BenchSection[] = [connectorSection, intakeSection];
