"""The guided walk in the terminal (`tocht run`): prompts, navigation, the grid."""
