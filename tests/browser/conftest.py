import pytest
from playwright.sync_api import expect

# Debian's builds (`playwright install` cannot download here). Headless runs use
# chromium-headless-shell, the headless build Playwright itself runs headless: about 40 % less
# CPU a page load than the full browser's headless mode (README, development). A `--headed`
# run needs the full browser (`apt install chromium`).
CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM_HEADED = "/usr/bin/chromium"

# How long an expectation waits for the page before it fails (Playwright's default: 5 s). The
# suite shares two cores among its processes, a browser and servers; a first request that
# loads a model takes seconds more on a busy machine. A passing expectation returns as soon as
# it holds, so only a failure waits this long.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": (
            CHROMIUM if browser_type_launch_args.get("headless", True) else CHROMIUM_HEADED
        ),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot(page, tmp_path):
    """Save a full-page screenshot under the test's temp dir (printed, to look at)."""

    def take(name: str) -> None:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        print(f"screenshot: {path}")

    return take
