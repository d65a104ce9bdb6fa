import { assembleSection } from './assemble.js';
import { bundleSection } from './bundles.js';
import { connectorSection } from './connectors.js';
import { costSection } from './cost/section.js';
import type { BenchSection, StandaloneSection } from './harness.js';
import { intakeSection } from './intake.js';

/**
 * Every benchmark section; add a module and list it here. Sections on the seeded stores
 * run in this order, then the standalone ones.
 */
export const SECTIONS: readonly (BenchSection | StandaloneSection)[] = [connectorSection, assembleSection, intakeSection, costSection, bundleSection];
