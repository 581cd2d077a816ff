/** The interstitial scenarios in Chromium and in Firefox ESR. */
import { launchChromium } from '../support/chromium-driver';
import { launchFirefox } from '../support/firefox';
import { interstitialScenarios } from './scenarios/interstitial-scenarios';

interstitialScenarios('Chromium', launchChromium);
interstitialScenarios('Firefox', launchFirefox);
