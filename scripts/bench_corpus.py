"""A synthetic corpus of blog posts for benchmarks (deterministic, no randomness across runs)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from spinelib import content

TOPICS = ["Conditions", "Symptoms", "Treatment and surgery", "Recovery", "Prevention and wellness"]
TAGS = ["Back pain", "Leg pain", "Foot pain", "Heel pain", "Numbness and tingling", "Weakness", "Sciatica",
        "Slipped disc", "Spinal stenosis", "Arthritis", "Nerves", "Circulation", "Diagnosis and tests", "Surgery",
        "Exercise and activity", "Self-care", "Emergency signs", "Nutrition", "Work and daily life",
        "Orthotics and footwear", "Appointments"]
CONDITIONS = ["herniated-disc", "sciatica", "lumbar-radiculopathy", "spinal-stenosis", "spondylolisthesis",
              "spinal-arthritis", "degenerative-disc-disease", "foot-drop", "plantar-fasciitis", "gout",
              "tarsal-tunnel-syndrome", "peripheral-neuropathy", "mortons-neuroma", "ankle-arthritis"]
WORDS = ("back leg foot heel toe nerve root disc spine walking sitting standing pain numbness tingling weakness "
         "exercise stretch rest sleep work lifting posture doctor scan surgery recovery physical therapy injection "
         "medicine diet weight bone calcium vitamin smoking arthritis joint stiffness cramp calf thigh shin ankle "
         "burning shooting aching morning evening stairs bending twisting reflex muscle tendon ligament fascia "
         "circulation blood pulse skin sole arch ball shoe insole orthotic brace cushion support balance fall").split()


SOURCES = """sources:
  - title: "Back pain"
    publisher: "MedlinePlus"
    year: 2024
    url: "https://medlineplus.gov/backpain.html"
  - title: "Sciatica"
    publisher: "MedlinePlus"
    year: 2024
    url: "https://medlineplus.gov/sciatica.html"
"""


def _paragraphs(words: list[str]) -> list[str]:
    # Short sentences (6 words), three to a paragraph: readable like a real post.
    sentences = [" ".join(words[k:k + 6]).capitalize() + "." for k in range(0, len(words), 6)]
    return [" ".join(sentences[k:k + 3]) for k in range(0, len(sentences), 3)]


def post_text(i: int, rng: random.Random) -> str:
    date = dt.date(2020, 1, 1) + dt.timedelta(days=(i * 2) % 2400)
    words = [rng.choice(WORDS) for _ in range(480)]
    paragraphs = _paragraphs(words)
    # Zero-padded: a bare "911" in a title is refused by the emergency-number check (SH605).
    title = f"{rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)}: question {i:05d}"
    tags = sorted(set(rng.sample(TAGS, 3)))
    conditions = sorted(set(rng.sample(CONDITIONS, 2)))
    half = len(paragraphs) // 2
    body = (paragraphs[0] + "\n\n<!-- more -->\n\n## What to know\n\n" + "\n\n".join(paragraphs[1:half])
            + "\n\n## What you can do\n\n" + "\n\n".join(paragraphs[half:])
            + "\n\n## When to get help\n\nRead about [when back or leg pain is an emergency](../../emergency.md).\n")
    return (f"---\ntitle: \"{title}\"\ndescription: \"About {words[0]} and {words[1]}.\"\ndate: {date}\n"
            f"categories: [{rng.choice(TOPICS)}]\ntags: [{', '.join(tags)}]\nauthors: [editorial]\n"
            f"conditions: [{', '.join(conditions)}]\n{SOURCES}---\n\n{body}")


def generate_pages(count: int, seed: int = 1) -> list[content.Page]:
    rng = random.Random(seed)
    return [content.page_from_text(f"blog/posts/post-{i:05d}.md", post_text(i, rng)) for i in range(count)]


def write_posts(folder: Path, count: int, seed: int = 1, conditions: bool = True) -> None:
    """Write `count` posts as files (for build benchmarks)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = post_text(i, rng)
        if not conditions:
            text = "\n".join(line for line in text.splitlines() if not line.startswith("conditions:")) + "\n"
        (folder / f"post-{i:05d}.md").write_text(text, encoding="utf-8")
