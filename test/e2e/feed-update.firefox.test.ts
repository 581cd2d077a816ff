/** The signed feed update scenarios in real Firefox ESR (scenarios/feed-update-scenarios.ts). */
import { launchFirefox } from '../support/firefox';
import { feedUpdateScenarios } from './scenarios/feed-update-scenarios';

feedUpdateScenarios('Firefox', launchFirefox);
