/** The trust model scenarios in real Chromium (scenarios/trust-model-scenarios.ts). */
import { launchChromium } from '../support/chromium-driver';
import { trustModelScenarios } from './scenarios/trust-model-scenarios';

trustModelScenarios('Chromium', launchChromium);
