/** The signed feed update scenarios in real Chromium (scenarios/feed-update-scenarios.ts). */
import { launchChromium } from '../support/chromium-driver';
import { feedUpdateScenarios } from './scenarios/feed-update-scenarios';

feedUpdateScenarios('Chromium', launchChromium);
