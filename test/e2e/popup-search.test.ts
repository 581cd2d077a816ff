/** The popup search scenarios in real Chromium (scenarios/popup-search-scenarios.ts). */
import { launchChromium } from '../support/chromium-driver';
import { popupSearchScenarios } from './scenarios/popup-search-scenarios';

popupSearchScenarios('Chromium', launchChromium);
