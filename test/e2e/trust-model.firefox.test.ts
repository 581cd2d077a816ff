/** The trust model scenarios in real Firefox ESR (scenarios/trust-model-scenarios.ts). */
import { launchFirefox } from '../support/firefox';
import { trustModelScenarios } from './scenarios/trust-model-scenarios';

trustModelScenarios('Firefox', launchFirefox);
