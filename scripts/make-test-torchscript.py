#!/usr/bin/env python3
"""Writes the small TorchScript TEST models that model type `torchscript` is tested with.

They translate nothing: they exist so that the Java loading code (TorchScriptTranslator) runs on real
TorchScript files. Regenerate them with Debian's PyTorch (`apt-get install -y python3-torch`):

    /usr/bin/python3 scripts/make-test-torchscript.py          # into model/src/test/resources/torchscript
    /usr/bin/python3 scripts/make-test-torchscript.py --out DIR

Writes:
  echo-level/model.pt, echo-level/tokenizer.json   the "echo-level" test model (behaviour below)
  misbehaving/*.pt                                  models that break the contract on purpose, one way each
                                                    (ids, counts, state, tuple, one-input, no-methods; no
                                                    tokenizer beside them: tests name echo-level's)

The contract every model of type `torchscript` follows (docs/model.md, "Your own TorchScript model"):

  sample_rate() -> int     audio sample rate the model expects
  state_size() -> int      S, the length of each session's state vector (a new session starts at zeros)
  forward(audio: float32[B, N], lengths: int64[B], state: float32[B, S], last: bool[B])
      -> (tokens: int64[B, K], counts: int64[B], state: float32[B, S])

The echo-level model, per session b of the batch (only the first lengths[b] samples count):
  * level: RMS of the chunk in dBFS (floored at -120); class silence (< -60 dBFS), quiet (< -20) or loud;
  * a chunk with samples emits its class word, or `same` when the class equals the previous chunk's;
    an empty chunk emits nothing and leaves the state as it was;
  * when last[b] is true it then emits `end` and the number of non-empty chunks heard, one token per
    decimal digit (capped at 999);
  * state = [non-empty chunks heard, class of the previous non-empty chunk + 1 (0: none yet)], S = 2;
  * K = 5; tokens past counts[b] are 0 ([PAD]).
Decoded with tokenizer.json (a HuggingFace WordLevel tokenizer, no decoder, so tokens are joined with
spaces), a session's text reads e.g. "loud same quiet end 3".
"""
import argparse
import json
import math
import os
import sys

try:
    import torch
    from typing import Tuple
except ImportError:  # pragma: no cover - a message instead of a trace
    sys.exit("make-test-torchscript: needs PyTorch; on Debian: apt-get install -y python3-torch, "
             "then run it with /usr/bin/python3")

SAMPLE_RATE = 16000
VOCAB = ["[PAD]", "[UNK]", "silence", "quiet", "loud", "same", "end"] + [str(d) for d in range(10)]
ID = {token: i for i, token in enumerate(VOCAB)}


class ContractTestModel(torch.nn.Module):
    """What every test model but NoMethodsTestModel declares: 16 kHz audio, a state of 2 floats."""

    def __init__(self):
        super().__init__()
        self.rate = SAMPLE_RATE

    @torch.jit.export
    def sample_rate(self) -> int:
        return self.rate

    @torch.jit.export
    def state_size(self) -> int:
        return 2


class EchoLevelTestModel(ContractTestModel):
    """TEST model: says how loud each chunk is. See the module docstring."""

    def __init__(self):
        super().__init__()
        # Token ids as buffers, so that the scripted graph indexes real tensors.
        self.register_buffer("class_ids", torch.tensor([ID["silence"], ID["quiet"], ID["loud"]], dtype=torch.long))
        self.register_buffer("digit_ids", torch.tensor([ID[str(d)] for d in range(10)], dtype=torch.long))
        self.same_id = ID["same"]
        self.end_id = ID["end"]

    def forward(self, audio: torch.Tensor, lengths: torch.Tensor, state: torch.Tensor,
                last: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        n = audio.size(1)
        valid = torch.arange(n, device=audio.device).unsqueeze(0) < lengths.unsqueeze(1)     # [B, N]
        x = torch.where(valid, audio, torch.zeros_like(audio))
        mean_square = (x * x).sum(1) / lengths.clamp(min=1).to(torch.float32)
        level_db = 10.0 * torch.log10(mean_square.clamp(min=1e-12))                        # floor -120
        cls = (level_db >= -60.0).to(torch.long) + (level_db >= -20.0).to(torch.long)     # 0, 1, 2

        heard = lengths > 0
        chunks = state[:, 0].to(torch.long) + heard.to(torch.long)
        previous = state[:, 1].to(torch.long) - 1
        word = torch.where(cls == previous, torch.full_like(cls, self.same_id), self.class_ids[cls])

        shown = chunks.clamp(max=999)
        end = torch.full_like(cls, self.end_id)
        candidates = torch.stack([word, end, self.digit_ids[shown // 100], self.digit_ids[(shown // 10) % 10],
                                  self.digit_ids[shown % 10]], 1)                                   # [B, K]
        keep = torch.stack([heard, last, last & (shown >= 100), last & (shown >= 10), last], 1)
        # Move the kept tokens to the front, in order: sort positions with every dropped one pushed back.
        k = candidates.size(1)
        positions = torch.arange(k, device=audio.device).unsqueeze(0) + (~keep).to(torch.long) * k
        order = torch.argsort(positions, dim=1)
        tokens = torch.gather(torch.where(keep, candidates, torch.zeros_like(candidates)), 1, order)
        counts = keep.to(torch.long).sum(1)

        new_state = torch.stack([chunks.to(torch.float32),
                                 torch.where(heard, cls + 1, previous + 1).to(torch.float32)], 1)
        return tokens, counts, new_state


class MisbehavingTestModel(ContractTestModel):
    """TEST model that breaks the output contract one way, so the Java side's checks can be tested."""

    def __init__(self, mode: int):
        super().__init__()
        self.mode = mode
        self.loud_id = ID["loud"]

    def forward(self, audio: torch.Tensor, lengths: torch.Tensor, state: torch.Tensor,
                last: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        b = audio.size(0)
        tokens = torch.full([b, 2], self.loud_id, dtype=torch.long)
        counts = torch.ones([b], dtype=torch.long)
        new_state = state
        if self.mode == 0:      # ids: an id past the vocabulary
            tokens = torch.full([b, 2], 1000, dtype=torch.long)
        elif self.mode == 1:    # counts: more tokens claimed than the K columns hold
            counts = torch.full([b], 3, dtype=torch.long)
        elif self.mode == 2:    # state: one value too many
            new_state = torch.zeros([b, 3])
        return tokens, counts, new_state


class WrongArityTestModel(ContractTestModel):
    """TEST model whose forward returns two tensors instead of three."""

    def forward(self, audio: torch.Tensor, lengths: torch.Tensor, state: torch.Tensor,
                last: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return torch.zeros([audio.size(0), 1], dtype=torch.long), torch.zeros([audio.size(0)], dtype=torch.long)


class OneInputTestModel(ContractTestModel):
    """TEST model whose forward takes the audio alone."""

    def forward(self, audio: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        b = audio.size(0)
        return torch.zeros([b, 1], dtype=torch.long), torch.zeros([b], dtype=torch.long), torch.zeros([b, 2])


class NoMethodsTestModel(torch.nn.Module):
    """TEST model with the right forward but neither sample_rate() nor state_size()."""

    def forward(self, audio: torch.Tensor, lengths: torch.Tensor, state: torch.Tensor,
                last: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        return torch.zeros([audio.size(0), 1], dtype=torch.long), torch.zeros([audio.size(0)], dtype=torch.long), state


def tokenizer_json():
    """A HuggingFace tokenizer.json (tokenizers' own serialization) with a WordLevel model."""
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": ID[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for t in ("[PAD]", "[UNK]")
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": ID, "unk_token": "[UNK]"},
    }


def save(module, path):
    scripted = torch.jit.script(module.eval())
    scripted.save(path)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def self_check(path):
    """Runs the saved echo-level model on known audio and checks what the docstring promises."""
    m = torch.jit.load(path)
    assert m.sample_rate() == SAMPLE_RATE and m.state_size() == 2
    t = torch.arange(1600, dtype=torch.float32) / SAMPLE_RATE
    loud = 0.5 * torch.sin(2 * math.pi * 440 * t)
    audio = torch.stack([loud, torch.zeros(1600), loud * 0.01])
    tokens, counts, state = m(audio, torch.tensor([1600, 800, 1600]), torch.zeros(3, 2),
                              torch.tensor([False, True, False]))
    words = [[VOCAB[int(i)] for i in tokens[b, :int(counts[b])]] for b in range(3)]
    assert words == [["loud"], ["silence", "end", "1"], ["quiet"]], words
    tokens, counts, state = m(audio[:1], torch.tensor([1600]), state[:1], torch.tensor([True]))
    assert [VOCAB[int(i)] for i in tokens[0, :int(counts[0])]] == ["same", "end", "2"]


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "model", "src", "test",
                           "resources", "torchscript")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.normpath(default), help="folder to write into (%(default)s)")
    out = parser.parse_args().out
    torch.manual_seed(0)

    echo = os.path.join(out, "echo-level")
    os.makedirs(echo, exist_ok=True)
    save(EchoLevelTestModel(), os.path.join(echo, "model.pt"))
    with open(os.path.join(echo, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(), f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {os.path.join(echo, 'tokenizer.json')}")
    self_check(os.path.join(echo, "model.pt"))

    bad = os.path.join(out, "misbehaving")
    os.makedirs(bad, exist_ok=True)
    for mode, name in enumerate(["ids", "counts", "state"]):
        save(MisbehavingTestModel(mode), os.path.join(bad, name + ".pt"))
    save(WrongArityTestModel(), os.path.join(bad, "tuple.pt"))
    save(OneInputTestModel(), os.path.join(bad, "one-input.pt"))
    save(NoMethodsTestModel(), os.path.join(bad, "no-methods.pt"))


if __name__ == "__main__":
    main()
