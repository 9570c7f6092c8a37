"""How the check asks for a number of years: the plain question, or a check of years the person mentioned."""

from typing import Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.controle import JAREN_GENOEMD


class ActionVraagJarenVergunning(Action):
    """'U noemde 6 jaar. Had u ook 6 jaar een verblijfsvergunning ...?' when the person mentioned years."""

    slot = "jaren_vergunning"

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        route = tracker.get_slot("route")
        genoemd = tracker.get_slot(JAREN_GENOEMD)
        if genoemd is not None:
            dispatcher.utter_message(response=f"utter_bevestig_jaren_{route}", jaren=genoemd)
        else:
            dispatcher.utter_message(response=self.vraag(route))
        return []

    @staticmethod
    def vraag(route: str) -> str:
        # Not named utter_ask_...: Rasa would then ask with that response and never call this action.
        return f"utter_vraag_jaren_{route}"


class ActionVraagJarenMedisch(ActionVraagJarenVergunning):
    slot = "jaren_vergunning_medisch"


class ActionStartControle(Action):
    """A typed "ja" to the check offered after a fee answer: the check of the situation the fee was for."""

    def name(self) -> str:
        return "action_start_controle"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict) -> List[EventType]:
        route = tracker.get_slot("route")
        if f"form_{route}" not in domain.get("forms", {}):
            dispatcher.utter_message(response="utter_kies_route")
            return []
        return [FollowupAction(f"form_{route}")]
