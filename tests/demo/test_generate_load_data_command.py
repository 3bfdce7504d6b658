"""The generate_load_data command, as run for the benchmark: batches written on a second
connection while the next is generated (committed for real, hence a transactional test in a
module of its own)."""

import pytest
from django.core.management import CommandError, call_command

from helpdesk.history import history_verify
from helpdesk.models import Thread


@pytest.mark.django_db(transaction=True)
def test_the_command_writes_on_a_second_connection_and_refuses_a_second_run(capsys):
    call_command("generate_load_data", threads=6, batch=4)
    out = capsys.readouterr().out
    assert "6/6 threads written" in out
    assert "Run 1: 6 threads" in out
    assert Thread.objects.count() == 6
    assert history_verify().intact
    with pytest.raises(CommandError, match="--again"):
        call_command("generate_load_data", threads=6)
