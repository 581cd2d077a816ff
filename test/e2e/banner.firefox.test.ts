/** The banner and link-marking scenarios in real Firefox ESR (scenarios/banner-scenarios.ts). */
import { launchFirefox } from '../support/firefox';
import { bannerScenarios } from './scenarios/banner-scenarios';

bannerScenarios('Firefox', launchFirefox);
