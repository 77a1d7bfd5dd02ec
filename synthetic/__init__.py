"""Synthetic population for Civic Credit Lab: generate(), identities on demand, the CLI.

模拟数据（合成） / synthetic data: nothing here describes a real person.
"""

from synthetic.generate import generate
from synthetic.settings import GeneratorSettings

__all__ = ["GeneratorSettings", "generate"]
