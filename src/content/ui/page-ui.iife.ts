/**
 * The page UI: banner, link markers and the confirm step (Preact, isolated hosts).
 * Not declared in the manifest: the service worker injects it with
 * `scripting.executeScript` only into pages that have something to show, so ordinary
 * pages never load or compile it. Publishes itself under {@link CONTENT_UI_KEY} in the
 * extension's isolated world, where the per-page scanner finds it.
 */
import { CONTENT_UI_KEY, contentUi, type ContentUi, type MarkedLink } from '../content-ui';
import { send } from '../runtime';
import { ESCALATE_AFTER_REPAIRS } from '../../shared/ui/banner-fight';
import type { BannerModel, LinkUiStrings } from '../../shared/ui/banner-model';
import { BannerController } from './banner-controller';
import { LinkGuard } from './link-guard';
import { TextMarks } from './text-marks';

/**
 * A danger banner the page keeps fighting: ask the background to escalate (at most once per
 * {@link ESCALATE_AFTER_REPAIRS} more repairs), and go to the warning page it answers.
 */
function escalation(): (model: BannerModel, repairs: number) => void {
  let askedAt = 0;
  return (model, repairs) => {
    if (model.severity !== 'danger' || repairs < ESCALATE_AFTER_REPAIRS || repairs < askedAt + ESCALATE_AFTER_REPAIRS) return;
    askedAt = repairs;
    void send('banner-fought', { pageUrl: location.href, agency: model.agency, repairs })
      .then(({ warnAt }) => {
        if (warnAt) location.replace(warnAt);
      })
      .catch((error: unknown) => console.debug('[page-ui] escalation failed', error));
  };
}

function createContentUi(): ContentUi {
  let controller = new AbortController();
  let banner: BannerController;
  let guard: LinkGuard;
  let textMarks: TextMarks;

  const setUp = (): void => {
    const { signal } = controller;
    banner = new BannerController(signal, {
      onDismiss: (model) => void send('banner-dismissed', { pageUrl: location.href, agency: model.agency }),
      onFight: escalation(),
      marked: () => guard.marked(),
    });
    guard = new LinkGuard(signal, (link, strings: LinkUiStrings) =>
      banner.confirm(strings, link.flag.detail, !/^(javascript|data|vbscript):/i.test(link.href)),
    );
    textMarks = new TextMarks(signal);
  };
  setUp();

  return {
    offerBanner: (model) => banner.offer(model),
    markLinks: (links: MarkedLink[], strings) => {
      for (const link of links) guard.mark(link.element, { flag: link.flag, href: link.href, strings });
      if (links.length > 0) {
        banner.addFlaggedLinks(links.length, strings);
        banner.schedulePlacement();
      }
    },
    markText: (findings, strings) => {
      if (textMarks.mark(findings, { address: strings.markerAddressLabel, phone: strings.markerPhoneLabel }) > 0)
        banner.schedulePlacement();
    },
    openMarked: (element, intent) => guard.open(element, intent),
    reset: () => {
      controller.abort();
      controller = new AbortController();
      setUp();
    },
  };
}

// Injected at most once per page; a second injection keeps the first instance.
if (!contentUi()) {
  (globalThis as Record<symbol, ContentUi>)[CONTENT_UI_KEY] = createContentUi();
}
