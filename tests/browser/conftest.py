import pytest

CHROMIUM = "/usr/bin/chromium"  # Debian's; `playwright install` cannot download here


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
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
