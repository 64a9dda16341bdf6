"""A small synthetic news story in several versions, written for the audit tests (not from the
fixture): an original, an exact-ish copy, a trimmed rewrite, a Spanish translation, an article on the
same event written independently, and an unrelated article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ORIGINAL = [
    "Harbourton City Council approved a 45 million euro plan on Monday to rebuild the old ferry terminal.",
    "The project will add two new berths and a covered waiting hall for 600 passengers.",
    "Mayor Helena Marsh said the terminal had been neglected for three decades.",
    "\"This is the biggest investment in our waterfront since 1980,\" Marsh told reporters.",
    "Construction is due to start in March and finish by the end of 2027.",
    "The regional transport agency will pay 30 million euros, and the city will cover the rest.",
    "Opposition councillor Tomas Weld voted against the plan, citing rising building costs.",
    "Weld said the city should first repair the coastal road, which closed twice last winter.",
    "Ferry operator Bluewater Lines expects passenger numbers to double within five years.",
    "The old terminal will stay open during the works, with reduced hours.",
]

COPY = [s for s in ORIGINAL]

REWRITE = [
    "Harbourton is getting a new ferry terminal after the city council backed a 45 million euro plan on Monday.",
    "Two more berths and a covered hall for 600 passengers are part of the project.",
    "According to Mayor Helena Marsh, the terminal has been neglected for thirty years.",
    "Works begin in March and should be finished by the end of 2027.",
    "The regional transport agency is paying 30 million euros; the city pays the remainder.",
    "Bluewater Lines, which runs the ferries, expects twice as many passengers within five years.",
]

SPANISH = [
    "El ayuntamiento de Harbourton aprobó el lunes un plan de 45 millones de euros para reconstruir la antigua terminal de ferris.",
    "El proyecto añadirá dos nuevos atraques y una sala de espera cubierta para 600 pasajeros.",
    "La alcaldesa Helena Marsh dijo que la terminal llevaba tres décadas abandonada.",
    "\"Es la mayor inversión en nuestro frente marítimo desde 1980\", dijo Marsh a los periodistas.",
    "Las obras comenzarán en marzo y terminarán a finales de 2027.",
    "La agencia regional de transporte pagará 30 millones de euros y la ciudad cubrirá el resto.",
    "El concejal de la oposición Tomas Weld votó en contra del plan, alegando el aumento de los costes de construcción.",
    "Weld dijo que la ciudad debería reparar primero la carretera costera, que se cerró dos veces el invierno pasado.",
    "La naviera Bluewater Lines espera que el número de pasajeros se duplique en cinco años.",
    "La antigua terminal seguirá abierta durante las obras, con horario reducido.",
]

RELATED = [
    "Passengers at Harbourton's ferry terminal have complained for years about leaking roofs and long queues.",
    "Local residents interviewed on Tuesday were divided over the council's new waterfront spending.",
    "Some shop owners hope more ferry traffic will bring customers to the old town.",
    "Others worry that construction traffic will block the narrow streets near the port.",
    "A petition against the plan has gathered 1,200 signatures.",
    "The ferry route to the islands has run since 1952 and carries mostly tourists in summer.",
    "Bluewater Lines has not said whether fares will rise after the new terminal opens.",
]

UNRELATED = [
    "Heavy rain closed the Millbrook bridge on Tuesday morning, stranding hundreds of commuters.",
    "The county engineer said the river had risen four metres overnight.",
    "Police diverted traffic through the town centre, causing long delays.",
    "Schools in the valley opened two hours late.",
    "Forecasters expect the rain to ease by Thursday, but warn of more flooding downstream.",
    "The bridge was last closed in 2019 after a similar storm.",
    "Local shops reported a sharp drop in customers.",
]


#: a site footer the multi-story folder's originals and one unrelated article share (cross-document chrome)
FOOTER = "\n\nSubscribe to the Morning Ledger newsletter for daily market briefings and analysis.\n"


def multi_story_folder(folder: Path) -> Path:
    """A folder with what the streaming audit must get right: three stories of ``tests/data/stories``
    in sub-folders whose file names collide (ids get ~2 suffixes), a JSONL file of records (this
    module's story with its related and unrelated articles) and ``FOOTER`` shared by unrelated
    articles."""
    stories = Path(__file__).resolve().parent / "data" / "stories"
    for name in ("chip-earnings", "zh-flood", "es-court-ruling"):
        for src in sorted((stories / name).glob("*.txt")):
            (folder / name).mkdir(parents=True, exist_ok=True)
            text = src.read_text(encoding="utf-8") + (FOOTER if src.stem == "original" else "")
            (folder / name / src.name).write_text(text, encoding="utf-8")
    records = [{"id": "rec-original", "text": "\n\n".join(ORIGINAL)}, {"id": "rec-related", "text": "\n\n".join(RELATED)},
               {"id": "rec-unrelated", "text": "\n\n".join(UNRELATED) + FOOTER}]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    shutil.copy(stories / "chip-earnings" / "original.txt", folder / "original.txt")
    return folder
