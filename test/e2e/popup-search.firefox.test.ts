/** The popup search scenarios in real Firefox ESR (scenarios/popup-search-scenarios.ts). */
import { launchFirefox } from '../support/firefox';
import { popupSearchScenarios } from './scenarios/popup-search-scenarios';

popupSearchScenarios('Firefox', launchFirefox);
