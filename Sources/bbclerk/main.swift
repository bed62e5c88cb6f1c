print("bbclerk")
