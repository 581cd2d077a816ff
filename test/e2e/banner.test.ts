/** The banner and link-marking scenarios in real Chromium (scenarios/banner-scenarios.ts). */
import { launchChromium } from '../support/chromium-driver';
import { bannerScenarios } from './scenarios/banner-scenarios';

bannerScenarios('Chromium', launchChromium);
